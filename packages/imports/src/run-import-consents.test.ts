import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database';
import { importFile } from './test-support';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const consent = async (email: string, channel: string) => {
  const [row] = await t.sql<{ status: string; source: string; legal_basis: string | null }[]>`
    SELECT k.status, k.source, k.legal_basis FROM consents k JOIN contacts c ON c.id = k.contact_id
    WHERE c.email = ${email} AND k.channel = ${channel}`;
  return row;
};
const events = async (email: string) =>
  (
    await t.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM consent_events e JOIN contacts c ON c.id = e.contact_id
      WHERE c.email = ${email}`
  )[0]!.n;

describe('runImport: consents', () => {
  it('records consents with the file as source and a consent event, once', async () => {
    const csv =
      'Nom;Email;Mobile;Consentement email;Opt-in SMS\nAubert;aubert@exemple.fr;0611223344;oui;non\n';
    const r = await importFile(t, 'contacts', csv, { filename: 'salon-2024.csv' });
    expect(r).toMatchObject({ status: 'completed', rowsInserted: 1 });
    expect(await consent('aubert@exemple.fr', 'email')).toEqual({
      status: 'opt_in',
      source: 'import:salon-2024.csv',
      legal_basis: 'consent',
    });
    expect(await consent('aubert@exemple.fr', 'sms')).toMatchObject({ status: 'opt_out' });
    expect(await events('aubert@exemple.fr')).toBe(2);

    const again = await importFile(t, 'contacts', csv, { filename: 'salon-2024.csv' });
    expect(again).toMatchObject({ rowsUpdated: 0, rowsUnchanged: 1 });
    expect(await events('aubert@exemple.fr')).toBe(2);
  });

  it('moves opt-in to opt-out, never opt-out back to opt-in, and never to unknown', async () => {
    await importFile(t, 'contacts', 'Nom;Email;Consentement email\nBrun;brun@exemple.fr;oui\n');
    const out = await importFile(
      t,
      'contacts',
      'Nom;Email;Consentement email\nBrun;brun@exemple.fr;opt-out\n',
    );
    expect(out).toMatchObject({ rowsUpdated: 1 });
    expect(await consent('brun@exemple.fr', 'email')).toMatchObject({ status: 'opt_out' });

    const back = await importFile(t, 'contacts', 'Nom;Email;Consentement email\nBrun;brun@exemple.fr;oui\n');
    expect(back).toMatchObject({ status: 'completed', rowsUpdated: 0, rowsUnchanged: 1, rowsFailed: 0 });
    expect(back.errors).toEqual([
      {
        line: 2,
        column: 'Consentement email',
        reason:
          'not applied: the contact opted out of email, and an import never re-subscribes anyone (record a new consent given by the contact instead)',
        value: null,
      },
    ]);
    expect(await consent('brun@exemple.fr', 'email')).toMatchObject({ status: 'opt_out' });

    const reset = await importFile(
      t,
      'contacts',
      'Nom;Email;Consentement email\nBrun;brun@exemple.fr;inconnu\n',
    );
    expect(reset.errors[0]?.reason).toBe(
      'not applied: an import cannot reset a recorded email consent to unknown',
    );
    expect(await consent('brun@exemple.fr', 'email')).toMatchObject({ status: 'opt_out' });
    expect(await events('brun@exemple.fr')).toBe(2);
  });

  it('leaves a suppressed address suppressed and does not opt it in', async () => {
    await importFile(t, 'contacts', 'Nom;Email\nCaron;caron@exemple.fr\n');
    await t.sql`INSERT INTO suppressions (channel, address, reason, source)
                VALUES ('email', 'caron@exemple.fr', 'unsubscribed', 'test')`;
    const r = await importFile(t, 'contacts', 'Nom;Email;Consentement email\nCaron;caron@exemple.fr;oui\n');
    expect(r.errors[0]?.reason).toBe(
      "not applied: this contact's email address is suppressed and stays suppressed",
    );
    expect(await consent('caron@exemple.fr', 'email')).toBeUndefined();
    const [s] = await t.sql`SELECT reason FROM suppressions WHERE address = 'caron@exemple.fr'`;
    expect(s?.reason).toBe('unsubscribed');
  });
});
