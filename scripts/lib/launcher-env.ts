import { booleanFromEnv, postgresUrl, redisUrl } from '@relance/domain/env';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

/** What `pnpm start` reads from its environment. Everything else is passed through to the API and the worker. */
export const launcherEnvSchema = z
  .object({
    PORT: port.default(3000),
    DATABASE_URL: postgresUrl.optional(),
    REDIS_URL: redisUrl.optional(),
    /** where the embedded PostgreSQL and a Redis we start keep their data */
    DATA_DIR: z.string().default('.data'),
    EMBEDDED_PG_PORT: port.default(54329),
    EMBEDDED_REDIS_PORT: port.default(6380),
    SANDBOX_PORT: port.default(3001),
    DEMO_MODE: booleanFromEnv.optional(),
    ADMIN_EMAIL: z.email({ error: 'must be an email address' }).optional(),
    ADMIN_PASSWORD: z.string().min(12, { error: 'must be at least 12 characters' }).optional(),
    SENDGRID_API_KEY: z.string().optional(),
    TWILIO_ACCOUNT_SID: z.string().optional(),
  })
  .refine((env) => !env.ADMIN_EMAIL === !env.ADMIN_PASSWORD, {
    error: 'ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither',
    path: ['ADMIN_PASSWORD'],
  })
  .transform((env) => ({
    ...env,
    // demo mode unless an administrator is configured, or DEMO_MODE says otherwise
    DEMO_MODE: env.DEMO_MODE ?? !env.ADMIN_EMAIL,
    // the local provider sandbox stands in for providers when no credentials are set
    useSandbox: !env.SENDGRID_API_KEY && !env.TWILIO_ACCOUNT_SID,
  }));

export type LauncherEnv = z.infer<typeof launcherEnvSchema>;

/** Empty strings count as unset (`PORT= pnpm start`). */
export function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}
