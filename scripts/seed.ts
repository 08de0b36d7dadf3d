/**
 * `pnpm seed`: seeds the demo workspace into DATABASE_URL (migrating it first). Does nothing when the
 * workspace already has users. `pnpm start` runs the same seed on its first run in demo mode.
 */
import { createDb } from '@relance/db/client';
import { DEMO_PASSWORD, DEMO_USERS } from '@relance/db/demo-users';
import { runMigrations } from '@relance/db/migrate';
import { seedDemo } from './lib/seed/seed-demo';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(
    'DATABASE_URL is not set. Set it (postgres://user@host:5432/relance), or run `pnpm start`, which seeds its own database.',
  );
  process.exit(1);
}
await runMigrations(url);
const database = createDb(url, { max: 2, applicationName: 'relance-seed' });
try {
  const summary = await seedDemo(database);
  if (!summary) {
    console.log('The workspace already has users: nothing seeded.');
  } else {
    console.log(
      `Seeded the demo workspace in ${(summary.ms / 1000).toFixed(1)} s: ${summary.contacts} contacts, ${summary.orders} orders, ` +
        `${summary.consents} consents, ${summary.suppressions} suppressions, ${summary.interactions} interactions.`,
    );
    console.log(`Logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.email).join(', ')}`);
  }
} finally {
  await database.close();
}
