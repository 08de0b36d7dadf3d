import { sendgridPublicKeyProblem } from '@relance/channels/email/sendgrid-webhook';
import { providerEnvSchema } from '@relance/channels/provider-config';
import { booleanFromEnv, postgresUrl, redisUrl } from '@relance/domain/env';
import { z } from 'zod';

/**
 * The provider variables, an empty one counting as unset (as @relance/channels reads them: `SENDGRID_API_KEY=`
 * in an .env file must not stop the API).
 */
const providerKeys = Object.fromEntries(
  Object.entries(providerEnvSchema.omit({ PUBLIC_URL: true }).shape).map(([key, schema]) => [
    key,
    z.preprocess((value) => (value === '' ? undefined : value), schema),
  ]),
) as unknown as Omit<typeof providerEnvSchema.shape, 'PUBLIC_URL'>;

/** Every setting the API reads. Exported alone so that tests can check docker-compose.yml against it. */
export const apiEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: postgresUrl,
    REDIS_URL: redisUrl,
    PORT: z.coerce.number().int().min(0).max(65535).default(3000), // 0: any free port (tests)
    HOST: z.string().default('0.0.0.0'),
    PUBLIC_URL: z
      .url({
        error: 'must be the absolute address users and providers reach, e.g. https://relance.example.com',
      })
      .optional(),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]+$/, { error: 'letters, digits, - and _ only' })
      .default('relance'),
    DEMO_MODE: booleanFromEnv.default(false),
    ADMIN_EMAIL: z.email({ error: 'must be an email address' }).optional(),
    ADMIN_PASSWORD: z.string().min(12, { error: 'must be at least 12 characters' }).optional(),
    WEB_DIST: z.string().optional(),
    COOKIE_SECURE: booleanFromEnv.optional(),
    LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    /** codes matching nothing allowed per user or API key in 15 minutes (redemption screen, conversion API) */
    CODE_GUESS_LIMIT: z.coerce.number().int().min(1).default(30),
    MAX_UPLOAD_MB: z.coerce.number().int().min(1).default(1024),
    // tracked links (apps/api/src/tracking): utm_source of the landing pages, wrong codes allowed per address
    // in 10 minutes before every code answers 429, known codes kept in memory
    TRACKING_UTM_SOURCE: z
      .string()
      .regex(/^[\w.-]{1,50}$/, { error: 'letters, digits, ".", "-" and "_" only (at most 50)' })
      .default('relance'),
    TRACKING_GUESS_LIMIT: z.coerce.number().int().min(1).default(30),
    TRACKING_LINK_CACHE: z.coerce.number().int().min(0).default(200_000),
    /** load the newest sends' codes into memory before anyone clicks (tracking/link-warmer.ts) */
    TRACKING_LINK_WARM: booleanFromEnv.default(true),
    /** how often the landing pages of the links in memory are read again and new sends' codes loaded */
    TRACKING_LINK_REFRESH_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
    /** SendGrid's Event Webhook verification key (base64 ECDSA P-256): without it, /webhooks/sendgrid answers 503 */
    SENDGRID_WEBHOOK_PUBLIC_KEY: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .trim()
        .superRefine((key, ctx) => {
          const problem = sendgridPublicKeyProblem(key);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        })
        .optional(),
    ),
    // the providers (@relance/channels provider-config.ts): the API says whether the workspace is in sandbox mode
    ...providerKeys,
  })
  .refine((env) => !env.ADMIN_EMAIL === !env.ADMIN_PASSWORD, {
    error: 'ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither',
    path: ['ADMIN_PASSWORD'],
  });

export type ApiEnv = z.infer<typeof apiEnvSchema>;
