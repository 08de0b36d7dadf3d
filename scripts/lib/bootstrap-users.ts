import { createDb } from '@relance/db/client';
import { DEMO_PASSWORD, DEMO_USERS } from '@relance/db/demo-users';
import { countUsers, ensureFirstAdmin } from '@relance/db/queries/users';
import { seedDemo } from './seed/seed-demo';

export type Bootstrap =
  | { kind: 'demo-seeded'; summary: string }
  | { kind: 'admin-created'; email: string }
  | { kind: 'existing' }
  | { kind: 'no-users' };

/**
 * The first run's users. In demo mode, an empty workspace gets the demo workspace; otherwise the first
 * administrator comes from ADMIN_EMAIL / ADMIN_PASSWORD. A workspace that has users is left alone.
 */
export async function bootstrapUsers(
  databaseUrl: string,
  options: { demo: boolean; adminEmail?: string; adminPassword?: string },
): Promise<Bootstrap> {
  const database = createDb(databaseUrl, { max: 2, applicationName: 'relance-start' });
  try {
    if ((await countUsers(database.db)) > 0) return { kind: 'existing' };
    if (options.demo) {
      const summary = await seedDemo(database);
      if (!summary) return { kind: 'existing' };
      return {
        kind: 'demo-seeded',
        summary: `${summary.contacts} contacts, ${summary.orders} orders, ${summary.interactions} interactions in ${(summary.ms / 1000).toFixed(1)} s`,
      };
    }
    if (options.adminEmail && options.adminPassword) {
      await ensureFirstAdmin(database.db, { email: options.adminEmail, password: options.adminPassword });
      return { kind: 'admin-created', email: options.adminEmail };
    }
    return { kind: 'no-users' };
  } finally {
    await database.close();
  }
}

export function demoLogins(): string[] {
  return DEMO_USERS.map((u) => `${u.email.padEnd(26)} ${u.role.padEnd(13)} password: ${DEMO_PASSWORD}`);
}
