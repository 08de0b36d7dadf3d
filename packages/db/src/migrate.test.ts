import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database';

describe('migrations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('builds an accent- and case-insensitive search text for contacts', async () => {
    const [row] = await t.sql<{ search_text: string }[]>`
      INSERT INTO contacts (first_name, last_name, company_name, email)
      VALUES ('Hélène', 'LEFÈVRE', 'Boulangerie Ça Va', 'helene@example.fr')
      RETURNING search_text`;
    expect(row?.search_text).toContain('helene lefevre boulangerie ca va helene@example.fr');
  });
});
