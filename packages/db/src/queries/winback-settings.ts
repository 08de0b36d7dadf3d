import {
  DEFAULT_WINBACK_SETTINGS,
  type WinbackSettings,
  winbackSettingsSchema,
} from '@relance/domain/winback/settings';
import { sql as dsql, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { settings } from '../schema/indicators';

const KEY = 'winback';

/** The workspace's win-back settings; the defaults while none were saved (or if what is stored no longer parses). */
export async function getWinbackSettings(db: Db): Promise<WinbackSettings> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  const parsed = winbackSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_WINBACK_SETTINGS;
}

export async function saveWinbackSettings(db: Db, value: WinbackSettings): Promise<WinbackSettings> {
  await db
    .insert(settings)
    .values({ key: KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: dsql`now()` } });
  return value;
}
