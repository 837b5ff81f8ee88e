/**
 * The OpenAPI documents heart serves without authentication ahead of its API groups:
 * `GET /docs/openapi.json` (application/json) and `/docs/openapi.yaml` (application/x-yaml) on
 * every generation, and from 2026 also `/v1/docs/…` and `/v2/docs/…`, where the unversioned
 * `/docs/…` answer with the newest API's document. The stand-in's document is small: it lists
 * the routes the stand-in serves under the API prefixes it documents. The YAML answer carries
 * the same JSON text, which is valid YAML.
 */
import { goJson } from './go-json.mjs';
import { textAnswer } from './http/answers.mjs';
import { API_VERSION, DEFAULT_HOST, DEFAULT_PORT } from './constants.mjs';

const OPERATION_IDS = {
  '/auth/challenges': 'create_auth_challenge',
  '/auth/api_keys': 'create_api_key',
  '/auth/whoami': 'whoami',
  '/spaces': 'list_spaces',
};

/** A small OpenAPI 3.1 document of the `routes` under `apiPrefix` ('/v1' or '/v2'). */
function openApiDocument(routes, apiPrefix) {
  const paths = {};
  for (const routeKey of routes.keys()) {
    const [method, path] = routeKey.split(' ');
    const rest = path.slice(apiPrefix.length);
    if (!path.startsWith(`${apiPrefix}/`) || rest.startsWith('/docs/')) continue;
    paths[path] = { ...paths[path], [method.toLowerCase()]: { operationId: OPERATION_IDS[rest] ?? rest.slice(1) } };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Anytype API', version: API_VERSION, description: 'The Anytype stand-in: only the routes it serves.' },
    servers: [{ url: `http://${DEFAULT_HOST}:${DEFAULT_PORT}` }],
    paths,
  };
}

/**
 * Route table entries for the documents: `mounts` maps a docs prefix ('/docs', '/v1/docs', …) to
 * the API prefix whose routes its document lists. The document is built from the table the
 * request was routed with.
 */
export function docsRoutes(mounts) {
  return Object.entries(mounts).flatMap(([docsPrefix, apiPrefix]) => [
    [`GET ${docsPrefix}/openapi.json`, { handle: (ctx) => textAnswer(200, goJson(openApiDocument(ctx.routes, apiPrefix)), 'application/json') }],
    [`GET ${docsPrefix}/openapi.yaml`, { handle: (ctx) => textAnswer(200, goJson(openApiDocument(ctx.routes, apiPrefix)), 'application/x-yaml') }],
  ]);
}
