import { existsSync } from 'node:fs';
import { parse } from 'node:querystring';
import { join } from 'node:path';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export const ASSETS_PREFIX = '/assets/';

const DOCS_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'";

/** Next to this file when run from source; next to the bundle (see nest-cli.json's assets) when built. */
function assetsDirectory(): string {
  const candidates = [join(__dirname, '..', 'assets'), join(__dirname, 'web', 'assets')];
  const found = candidates.find((dir) => existsSync(join(dir, 'site.css')));
  if (!found) throw new Error(`the web assets are missing (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * What the pages need from the HTTP server: security headers on every answer, HTML form bodies for the
 * pages (never for the JSON API, whose clients send JSON), and the stylesheet and scripts.
 */
export async function setUpWeb(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyHelmet, {
    // Scripts and styles only from files this service serves: no inline script can run, whatever a page
    // shows. Frames only of its own (the extract beside the findings), and no one else may frame a page.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'self'"],
        frameSrc: ["'self'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Case links carry their token in the address: no other site may see it as a referrer.
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'sameorigin' },
    // HSTS belongs to the TLS terminator, which knows whether https is served at all.
    strictTransportSecurity: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // The API's documentation page (Swagger UI) sets a few styles inline; its scripts stay files.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith('/api/docs')) void reply.header('content-security-policy', DOCS_POLICY);
    done();
  });
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (request, body, done) => {
      if (request.url.startsWith('/api/')) {
        done(new UnsupportedMediaTypeException('Send JSON (application/json) to the API.'));
        return;
      }
      // Repeated names (checkboxes) become lists.
      done(null, { ...parse(body as string) });
    },
  );
  await app.register(fastifyStatic, {
    root: assetsDirectory(),
    prefix: ASSETS_PREFIX,
    decorateReply: false,
    maxAge: '1h',
  });
}
