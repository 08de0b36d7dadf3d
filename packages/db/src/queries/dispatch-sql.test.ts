import {
  isTrackingCode,
  TRACKING_CODE_ALPHABET,
  TRACKING_CODE_RANDOM_LENGTH,
} from '@relance/domain/tracking-code';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/test-database';
import { RANDOM_BITS_SQL, trackingCodeSql } from './dispatch-sql';

describe('tracking codes drawn in SQL', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('are valid, distinct, drawn per row, and each character is uniform over the alphabet', async () => {
    const n = 31_000;
    const rows = await t.db.execute<{ code: string }>(sql`
      SELECT ${trackingCodeSql('r.bits')} AS code
        FROM (SELECT ${RANDOM_BITS_SQL} AS bits FROM generate_series(1, ${n})) r`);
    const codes = rows.map((r) => r.code);
    expect(codes).toHaveLength(n);
    expect(codes.every(isTrackingCode)).toBe(true);
    expect(new Set(codes).size).toBe(n);
    // 1,000 expected per character and position (standard deviation ≈ 31): a bias or a stuck bit shows
    for (let position = 0; position < TRACKING_CODE_RANDOM_LENGTH; position++) {
      const counts = new Map<string, number>();
      for (const code of codes) counts.set(code[position]!, (counts.get(code[position]!) ?? 0) + 1);
      expect(counts.size).toBe(TRACKING_CODE_ALPHABET.length);
      for (const count of counts.values()) expect(count).toBeGreaterThan(820);
      for (const count of counts.values()) expect(count).toBeLessThan(1180);
    }
  });
});
