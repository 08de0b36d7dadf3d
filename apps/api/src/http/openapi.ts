import { PERMISSIONS } from '@relance/domain/permissions';
import { z } from 'zod';
import { problemSchema } from './problem';
import type { RawResponse, RouteSpec } from './registry';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: unknown, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema as z.ZodType, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
    // answers carry Date objects, which JSON turns into ISO 8601 strings
    override: (ctx) => {
      if (ctx.zodSchema._zod.def.type === 'date')
        Object.assign(ctx.jsonSchema, { type: 'string', format: 'date-time' });
    },
  });
  delete (out as { $schema?: string }).$schema;
  return out as JsonSchema;
}

function parameters(schema: unknown, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const s = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: prop,
    ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
  }));
}

const isRaw = (r: unknown): r is RawResponse => typeof r === 'object' && r !== null && 'contentType' in r;

/** The OpenAPI 3.1 document, generated from the same route declarations (and zod schemas) that validate requests. */
export function buildOpenApi(routes: RouteSpec<unknown, unknown, unknown>[], serverUrl?: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  const problem = { 'application/problem+json': { schema: jsonSchema(problemSchema, 'output') } };
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const status = String(route.status ?? (route.response ? 200 : 204));
    const success = !route.response
      ? { description: 'Done' }
      : isRaw(route.response)
        ? { description: route.response.description, content: { [route.response.contentType]: {} } }
        : {
            description: 'OK',
            content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
          };
    const requestBody = route.multipart
      ? {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: Object.fromEntries(
                  Object.entries(route.multipart).map(([k, description]) => [
                    k,
                    k === 'file'
                      ? { type: 'string', format: 'binary', description }
                      : { type: 'string', description },
                  ]),
                ),
              },
            },
          },
        }
      : route.body
        ? { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } }
        : undefined;
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      tags: [route.tag],
      ...(route.access === 'public'
        ? { security: [] }
        : {
            description:
              route.access === 'authenticated'
                ? 'Any logged-in user or API key.'
                : `Requires \`${route.access}\` (roles: ${PERMISSIONS[route.access].join(', ')}).`,
          }),
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(requestBody ? { requestBody } : {}),
      responses: { [status]: success, default: { description: 'A problem (RFC 9457)', content: problem } },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Relance API',
      version: '0.1.0',
      description:
        'Multichannel acquisition and win-back campaigns. Cookie sessions (with X-CSRF-Token on writes) or Bearer API keys.',
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'relance_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
    paths,
  };
}
