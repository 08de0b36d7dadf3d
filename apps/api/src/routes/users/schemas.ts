import { ROLES } from '@relance/domain/vocabulary';
import { z } from 'zod';

const password = z.string().min(12, { error: 'Use at least 12 characters' }).max(1024);

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  createdAt: z.date(),
  lastLoginAt: z.date().nullable(),
});

export const createUserBody = z.object({
  email: z.email({ error: 'Enter a valid email address' }).max(320),
  name: z.string().trim().min(1, { error: 'Enter a name' }).max(200),
  role: z.enum(ROLES, { error: `Choose one of ${ROLES.join(', ')}` }),
  password,
});

export const updateUserBody = z
  .object({
    name: z.string().trim().min(1, { error: 'Enter a name' }).max(200),
    role: z.enum(ROLES, { error: `Choose one of ${ROLES.join(', ')}` }),
    active: z.boolean(),
    password,
  })
  .partial();

export const idParams = z.object({ id: z.uuid({ error: 'Not a valid id' }) });
