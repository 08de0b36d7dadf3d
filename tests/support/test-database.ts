import { randomBytes } from 'node:crypto';
import { createDb, type Database } from '@relance/db/client';
import postgres from 'postgres';
import { inject } from 'vitest';

export interface TestDatabase extends Database {
  url: string;
  /** drops the database; call it in afterAll */
  drop: () => Promise<void>;
}

/**
 * A fresh, migrated database of its own for one test file: cloned from the run's template in a few
 * hundred milliseconds, so files never see each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const template = inject('templateDatabase');
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    // CREATE DATABASE ... TEMPLATE needs the template to have no other session; retry briefly if it has one.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (err) {
        if (attempt > 50) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = createDb(url.toString(), { max: 5 });
  return {
    ...database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A Redis key prefix of its own for one test file, under the run's prefix (cleaned up at the end of the run). */
export function testKeyPrefix(): string {
  return `${inject('keyPrefix')}-${randomBytes(3).toString('hex')}`;
}

export function testRedisUrl(): string {
  return inject('redisUrl');
}
