import { z } from 'zod';

/** Parses an environment against a schema; on failure lists every bad key with what to fix, then exits. */
export function parseEnv<T extends z.ZodType>(schema: T, source: NodeJS.ProcessEnv, app: string): z.infer<T> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `  - ${issue.path.join('.') || '(env)'}: ${issue.message}`,
  );
  console.error(`[${app}] invalid environment:\n${lines.join('\n')}`);
  process.exit(1);
}

export const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const postgresUrl = z
  .string({ error: 'is required (postgres://user@host:5432/database)' })
  .regex(/^postgres(ql)?:\/\//, { error: 'must start with postgres:// or postgresql://' });

export const redisUrl = z
  .string({ error: 'is required (redis://host:6379)' })
  .regex(/^rediss?:\/\//, { error: 'must start with redis:// or rediss://' });
