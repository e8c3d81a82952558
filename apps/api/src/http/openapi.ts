import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import {
  STAFF_SESSION_BEARER_SCHEME,
  STAFF_SESSION_COOKIE_SCHEME,
} from '../staff-auth/staff-access.decorator';
import { STAFF_SESSION_COOKIE } from '../staff-auth/staff-session-cookie';

const OPENAPI_PATH = 'api/docs';

/** The OpenAPI document, generated from the controllers and DTOs: every endpoint documents itself. */
function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('eConnect recovery service')
    .setDescription(
      'Recovery of orphaned eConnect environments: intake, verification, review and appointment.',
    )
    .setVersion('1')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'The case token from the mailed link' },
      'case-token',
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: "The platform's access token (HS256, sub = user id)",
      },
      'platform-token',
    )
    .addCookieAuth(
      STAFF_SESSION_COOKIE,
      {
        type: 'apiKey',
        in: 'cookie',
        description:
          'The staff session cookie set by POST /api/staff/session (named __Host-staff_session where the service is served over https)',
      },
      STAFF_SESSION_COOKIE_SCHEME,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description: 'The staff session token answered by POST /api/staff/session',
      },
      STAFF_SESSION_BEARER_SCHEME,
    )
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves the document at /api/docs (UI) and /api/docs/json. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup(OPENAPI_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${OPENAPI_PATH}/json`,
    yamlDocumentUrl: `${OPENAPI_PATH}/yaml`,
  });
}
