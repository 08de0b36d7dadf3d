import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database';
import { importFile } from './test-support';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await importFile(
    t,
    'contacts',
    'Référence;Nom;Email\nC1;Moreau;moreau@exemple.fr\nC2;Girard;girard@exemple.fr\n',
  );
});
afterAll(() => t.drop());

const orders = async () =>
  (
    await t.sql<
      {
        external_id: string;
        email: string;
        ordered_at: Date;
        amount_cents: number;
        margin_cents: number | null;
        promo: boolean;
        voucher: boolean;
        source: string | null;
      }[]
    >`
    SELECT o.external_id, c.email, o.ordered_at, o.amount_cents, o.margin_cents, o.promo, o.voucher, o.source
    FROM orders o JOIN contacts c ON c.id = o.contact_id ORDER BY o.ordered_at, o.external_id`
  ).map((o) => ({ ...o, ordered_at: new Date(o.ordered_at) }));

describe('runImport: orders', () => {
  it('imports orders matched by customer reference or email, with amounts in cents and dates in UTC', async () => {
    const csv = [
      "N° commande;ID client;Email;Date de commande;Montant;Marge;Promo;Bon d'achat;Source",
      'CMD-1;C1;;15/01/2024 10:30;1 234,56 €;234,50;oui;non;salon',
      'CMD-2;;girard@exemple.fr;2024-02-01;99.90;;;;',
      'CMD-3;C404;;01/03/2024;10;;;;',
      'CMD-4;;inconnu@exemple.fr;01/03/2024;10;;;;',
      'CMD-5;C2;;32/03/2024;10;;;;',
      'CMD-6;C2;;01/04/2024;dix euros;;;;',
      'CMD-1;C1;;15/01/2024;5;;;;',
    ].join('\n');
    const r = await importFile(t, 'orders', csv);
    expect(r).toMatchObject({ status: 'completed', rowsTotal: 7, rowsInserted: 2, rowsFailed: 5 });
    expect(r.errors).toEqual([
      {
        line: 4,
        column: 'ID client',
        reason: 'no contact with external id C404: import the contacts first',
        value: 'C404',
      },
      {
        line: 5,
        column: 'Email',
        reason: 'no contact with email inconnu@exemple.fr: import the contacts first',
        value: 'inconnu@exemple.fr',
      },
      {
        line: 6,
        column: 'Date de commande',
        reason: '"32/03/2024" is not a date: use dd/mm/yyyy',
        value: '32/03/2024',
      },
      {
        line: 7,
        column: 'Montant',
        reason: '"dix euros" is not an amount in euros (e.g. 1 234,56)',
        value: 'dix euros',
      },
      { line: 8, column: '', reason: 'duplicate of line 2', value: null },
    ]);
    expect(await orders()).toEqual([
      {
        external_id: 'CMD-1',
        email: 'moreau@exemple.fr',
        ordered_at: new Date('2024-01-15T09:30:00Z'),
        amount_cents: 123456,
        margin_cents: 23450,
        promo: true,
        voucher: false,
        source: 'salon',
      },
      {
        external_id: 'CMD-2',
        email: 'girard@exemple.fr',
        ordered_at: new Date('2024-01-31T23:00:00Z'),
        amount_cents: 9990,
        margin_cents: null,
        promo: false,
        voucher: false,
        source: null,
      },
    ]);
  });

  it('gives orders without a reference a deterministic key, so importing again changes nothing', async () => {
    const csv = 'Email;Date;Montant\nmoreau@exemple.fr;01/06/2024;50\nmoreau@exemple.fr;02/06/2024;50\n';
    const first = await importFile(t, 'orders', csv);
    expect(first).toMatchObject({ rowsInserted: 2, rowsFailed: 0 });
    const again = await importFile(t, 'orders', csv);
    expect(again).toMatchObject({ status: 'completed', rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 2 });
    const same = await importFile(
      t,
      'orders',
      'Email;Date;Montant\nmoreau@exemple.fr;03/06/2024;50\nmoreau@exemple.fr;03/06/2024;50\n',
    );
    expect(same.errors[0]?.reason).toContain('duplicate of line 2');
  });

  it('updates a known order when its values change, and a blank cell keeps the stored value', async () => {
    const r = await importFile(
      t,
      'orders',
      'Référence;ID client;Date;Montant;Marge;Source\nCMD-2;C2;01/02/2024;120;;\n',
    );
    expect(r).toMatchObject({ rowsUpdated: 1, rowsInserted: 0 });
    const row = (await orders()).find((o) => o.external_id === 'CMD-2');
    expect(row).toMatchObject({ amount_cents: 12000, margin_cents: null });
    const cmd1 = await importFile(
      t,
      'orders',
      'Référence;ID client;Date;Montant;Marge\nCMD-1;C1;15/01/2024 10:30;1234,56;\n',
    );
    expect(cmd1).toMatchObject({ rowsUnchanged: 1 });
    expect((await orders()).find((o) => o.external_id === 'CMD-1')).toMatchObject({
      margin_cents: 23450,
      promo: true,
    });
  });
});
