import { createApiKey, listApiKeys, revokeApiKey } from '@relance/db/queries/sessions';
import { AppError } from '@relance/domain/errors';
import { ROLES } from '@relance/domain/vocabulary';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { actorId } from '../../http/principal';
import type { ApiRegistry } from '../../http/registry';
import { idParams } from '../users/schemas';

const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: z.enum(ROLES),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

const createBody = z.object({
  name: z.string().trim().min(1, { error: 'Name the integration this key is for' }).max(200),
  role: z.enum(ROLES, { error: `Choose one of ${ROLES.join(', ')}` }),
});

export function apiKeyRoutes(api: ApiRegistry, deps: AppDeps): void {
  const { db } = deps.database;

  api.add(
    {
      method: 'get',
      path: '/api/api-keys',
      summary: 'List API keys',
      tag: 'api-keys',
      access: 'api-keys:manage',
      response: z.object({ items: z.array(apiKeySchema) }),
    },
    async () => ({ items: await listApiKeys(db) }),
  );

  api.add(
    {
      method: 'post',
      path: '/api/api-keys',
      summary: 'Create an API key (the token is shown once)',
      tag: 'api-keys',
      access: 'api-keys:manage',
      body: createBody,
      response: z.object({ apiKey: apiKeySchema, token: z.string() }),
      status: 201,
    },
    ({ body, principal }) => createApiKey(db, { ...body, createdBy: actorId(principal) }),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/api-keys/:id',
      summary: 'Revoke an API key',
      tag: 'api-keys',
      access: 'api-keys:manage',
      params: idParams,
    },
    async ({ params }) => {
      if (!(await revokeApiKey(db, params.id))) throw AppError.notFound('This API key');
    },
  );
}
