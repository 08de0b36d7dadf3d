import { ROLES, type Role } from '@relance/domain/vocabulary';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: z.enum(ROLES),
  createdAt: z.string(),
  lastUsedAt: z.string().nullish(),
  revokedAt: z.string().nullish(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

export function listApiKeys(signal?: AbortSignal) {
  return api('/api/api-keys', z.object({ items: z.array(apiKeySchema) }), { signal });
}

export function createApiKey(body: { name: string; role: Role }) {
  return api('/api/api-keys', z.object({ apiKey: apiKeySchema, token: z.string() }), {
    method: 'POST',
    body,
  });
}

export function revokeApiKey(id: string) {
  return api(`/api/api-keys/${encodeURIComponent(id)}`, null, { method: 'DELETE' });
}
