import { ROLES, type Role } from '@relance/domain/vocabulary';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullish(),
});
export type User = z.infer<typeof userSchema>;

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

export type UserChange = Partial<{ name: string; role: Role; active: boolean; password: string }>;

export function listUsers(signal?: AbortSignal) {
  return api('/api/users', z.object({ items: z.array(userSchema) }), { signal });
}

export function createUser(body: NewUser) {
  return api('/api/users', userSchema, { method: 'POST', body });
}

export function updateUser(id: string, body: UserChange) {
  return api(`/api/users/${encodeURIComponent(id)}`, userSchema, { method: 'PATCH', body });
}
