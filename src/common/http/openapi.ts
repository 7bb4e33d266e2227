import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { APP_VERSION } from './app-version';

export const OPENAPI_JSON_PATH = 'api/openapi.json';
export const DOCS_PATH = 'api/docs';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('swsim: single-window clearance simulator')
    .setDescription(
      'Clearance plans for declarations at the land ports of the China (Xinjiang) Pilot Free Trade Zone, under the baseline ' +
        'rules and the reforms of the Overall Plan. Field descriptions map each field to its China Single Window declaration ' +
        'element (DecHead / DecList). Every error is a problem-details body: { status, code, message, errors: [{ path, message }] }. ' +
        'Reference values marked `assumption: true` are ours, not published; their `source` says so.',
    )
    .setVersion(APP_VERSION)
    .build();
  return withSchemaExamples(SwaggerModule.createDocument(app, config));
}

/**
 * Request bodies list named examples (`examples`); OpenAPI does not allow `example` beside them, so the
 * first one also becomes the example of the body's schema, for tools that read only that.
 */
function withSchemaExamples(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  for (const operations of Object.values(document.paths)) {
    for (const operation of [operations.post, operations.put, operations.patch]) {
      const body = operation?.requestBody;
      const media = body && 'content' in body ? body.content['application/json'] : undefined;
      const ref = media?.schema && '$ref' in media.schema ? media.schema.$ref : undefined;
      const first = Object.values(media?.examples ?? {})[0];
      const schema = ref ? schemas[ref.split('/').pop()!] : undefined;
      if (schema && !('$ref' in schema) && schema.example === undefined && first && 'value' in first) schema.example = first.value;
    }
  }
  return document;
}

/** Serves the document as JSON at /api/openapi.json and Swagger UI at /api/docs. */
export function setUpOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH, raw: ['json'] });
  return document;
}

/** The schema of every error body, for @ApiResponse. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['status', 'code', 'message', 'errors'],
  properties: {
    status: { type: 'integer', example: 400 },
    code: { type: 'string', example: 'REQUEST.INVALID' },
    message: { type: 'string', example: 'The request is invalid: declaration.goods[0].hsCode: must be the 10-digit CodeTS, e.g. 0806100000' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          path: { type: 'string', example: 'declaration.goods[0].hsCode' },
          message: { type: 'string', example: 'must be the 10-digit CodeTS, e.g. 0806100000' },
        },
      },
    },
    details: { type: 'object', additionalProperties: true },
  },
};
