import { ROLES } from '@relance/domain/vocabulary';
import { z } from 'zod';

export const loginBody = z.object({
  email: z.string().trim().min(1, { error: 'Enter your email address' }).max(320),
  password: z.string().min(1, { error: 'Enter your password' }).max(1024),
});

export const sessionUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
});
export const sessionAnswer = z.object({ user: sessionUser, csrfToken: z.string() });
