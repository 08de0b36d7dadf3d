import {
  type CallingRules,
  callingRulesSchema,
  DEFAULT_CALLING_RULES,
} from '@relance/domain/callbacks/calling-rules';
import { sql as dsql, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { settings } from '../schema/indicators';

const KEY = 'calling-rules';

/** The workspace's calling rules; the French defaults while none were saved (or if what is stored no longer parses). */
export async function getCallingRules(db: Db): Promise<CallingRules> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  const parsed = callingRulesSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_CALLING_RULES;
}

export async function saveCallingRules(db: Db, value: CallingRules): Promise<CallingRules> {
  await db
    .insert(settings)
    .values({ key: KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: dsql`now()` } });
  return value;
}
