// OpenAPI 3.1 document generated from the route table and its schemas, the
// same ones the server validates with, served at GET /openapi.json.
import { SERVER_VERSION } from '../../server/stats.js';
import type { Route } from './router.js';
import { ERROR_SCHEMA } from './routes/docs.js';
import { objectToJsonSchema, ruleToJsonSchema } from './schema.js';

/** `/streams/:stream_id` -> `/streams/{stream_id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([a-z_]+)/g, '{$1}');
}

const ERROR_CONTENT = { 'application/json': { schema: ERROR_SCHEMA } };

/** Statuses the pipeline itself answers for a route, before or around its handler. */
export function pipelineResponses(route: Route): Record<number, unknown> {
  const out: Record<number, unknown> = {};
  if (route.auth) out[401] = { description: 'Missing, invalid, expired or revoked token (empty body)' };
  if (route.body !== undefined || route.query !== undefined) out[400] = { description: 'Malformed JSON or invalid field', content: ERROR_CONTENT };
  if (route.body !== undefined) {
    out[413] = { description: 'Body over http.max_request_size', content: ERROR_CONTENT };
    out[415] = { description: 'Content-Type is not application/json', content: ERROR_CONTENT };
  }
  return out;
}

function operation(route: Route): Record<string, unknown> {
  const parameters: unknown[] = [];
  for (const match of route.path.matchAll(/:([a-z_]+)/g)) {
    parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
  }
  for (const [name, rule] of Object.entries(route.query ?? {})) {
    parameters.push({ name, in: 'query', required: rule.optional !== true, schema: ruleToJsonSchema(rule) });
  }
  const responses: Record<string, unknown> = { ...pipelineResponses(route) };
  for (const [status, doc] of Object.entries(route.responses)) {
    responses[status] = doc.schema === undefined
      ? { description: doc.description }
      : { description: doc.description, content: { [doc.contentType ?? 'application/json']: { schema: doc.schema } } };
  }
  const op: Record<string, unknown> = { summary: route.summary, operationId: `${route.method.toLowerCase()} ${route.path}`, responses };
  if (parameters.length > 0) op.parameters = parameters;
  if (route.body !== undefined) op.requestBody = { required: true, content: { 'application/json': { schema: objectToJsonSchema(route.body) } } };
  op.security = route.auth ? [{ bearer: [] }] : [];
  return op;
}

export function buildOpenApi(routes: readonly Route[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] ??= {};
    paths[path]![route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Iggy HTTP API', version: SERVER_VERSION },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
