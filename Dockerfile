# Production image for the api, the worker and the CLI (one image, three commands).
#
# Debian (glibc), not Alpine: the Temporal worker's native core bridge
# (@temporalio/core-bridge) is shipped prebuilt in the npm package for Linux
# glibc only; there is no musl build, so the worker cannot load on Alpine.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
COPY package.json package-lock.json ./

# Runtime dependencies only. --ignore-scripts matches the project's npm 11,
# which runs no dependency install scripts unless approved (none is needed).
# The core bridge carries binaries for five platforms (~140 MB); keep this one's.
FROM base AS prod-deps
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force \
 && releases=node_modules/@temporalio/core-bridge/releases \
 && own="$(uname -m)-unknown-linux-gnu" \
 && if [ -d "$releases/$own" ]; then \
      find "$releases" -mindepth 1 -maxdepth 1 ! -name "$own" -exec rm -rf {} +; \
    fi

# Full install and build: dist/apps/{api,worker,cli}/main.js and the prebuilt
# workflow bundle dist/apps/worker/workflow-bundle.js. node_modules stay
# external to the webpack output, hence the separate prod-deps stage.
FROM base AS build
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# package.json stays: it tells Node how to load dist (CommonJS).
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Files stay owned by root: the processes only read them.
USER node
EXPOSE 3000
# The api by default; compose runs the worker and the migrations from the same
# image with `node dist/apps/worker/main.js` and `node dist/apps/cli/main.js migrate`.
CMD ["node", "dist/apps/api/main.js"]
