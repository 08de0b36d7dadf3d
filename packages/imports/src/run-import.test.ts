import { contacts } from '@relance/db/schema/contacts';
import { eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database';
import { runImport } from './run-import';
import { importErrors, importFile, upload } from './test-support';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const contact = async (where: { email?: string; externalId?: string }) => {
  const [row] = await t.db
    .select()
    .from(contacts)
    .where(where.email ? eq(contacts.email, where.email) : eq(contacts.externalId, where.externalId ?? ''));
  return row;
};

describe('runImport: contacts', () => {
  it('imports a UTF-8 file with BOM and ; with French headers, normalising each value', async () => {
    const csv =
      '\ufeffRéférence;Civilité;Prénom;Nom;Société;Courriel;Portable;Tél;Adresse;Code postal;Ville;Pays;Tags;Anniversaire\r\n' +
      'A1;Monsieur;Jean;Dupont;;Jean.Dupont@Exemple.FR;06 12 34 56 78;01 42 68 53 00;12 rue de la Paix;75002;Paris;;vip|client;12/05\r\n' +
      'A2;;;;Boulangerie Ça Va;contact@cava.fr;;;;;Lyon;;;\r\n' +
      'A3;Mrs;Ann;Smith;;ann@smith.be;0470 12 34 56;;;;Bruxelles;BE;;\r\n';
    const r = await importFile(t, 'contacts', csv, {
      mapping: {
        Référence: 'externalId',
        Civilité: 'civility',
        Prénom: 'firstName',
        Nom: 'lastName',
        Société: 'companyName',
        Courriel: 'email',
        Portable: 'mobile',
        Tél: 'phone',
        Adresse: 'addressLine1',
        'Code postal': 'postalCode',
        Ville: 'city',
        Pays: 'country',
        Tags: 'tags',
        Anniversaire: 'attribute:birthday',
      },
    });
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({
      status: 'completed',
      encoding: 'utf-8',
      delimiter: ';',
      rowsTotal: 3,
      rowsInserted: 3,
    });
    expect(await contact({ externalId: 'A1' })).toMatchObject({
      kind: 'person',
      civility: 'M.',
      firstName: 'Jean',
      lastName: 'Dupont',
      email: 'jean.dupont@exemple.fr',
      mobile: '+33612345678',
      phone: '+33142685300',
      country: 'FR',
      tags: ['vip', 'client'],
      attributes: { birthday: '12/05' },
    });
    expect(await contact({ externalId: 'A2' })).toMatchObject({
      kind: 'company',
      companyName: 'Boulangerie Ça Va',
    });
    expect(await contact({ externalId: 'A3' })).toMatchObject({
      civility: 'Mme',
      mobile: '+32470123456',
      country: 'BE',
    });
  });

  it('reads Windows-1252 (French Excel) with , and suggests the mapping when none is given', async () => {
    const csv =
      'Nom,Prénom,E-mail,Ville\r\nLefèvre,François,f.lefevre@exemple.fr,Besançon\r\nCœur,Zoé,zoe@exemple.fr,Orléans\r\n';
    const r = await importFile(t, 'contacts', iconv.encode(csv, 'win1252'));
    expect(r).toMatchObject({
      status: 'completed',
      encoding: 'windows-1252',
      delimiter: ',',
      rowsInserted: 2,
    });
    expect(await contact({ email: 'f.lefevre@exemple.fr' })).toMatchObject({
      lastName: 'Lefèvre',
      firstName: 'François',
      city: 'Besançon',
    });
    expect(await contact({ email: 'zoe@exemple.fr' })).toMatchObject({ lastName: 'Cœur', city: 'Orléans' });
    const [row] = await t.sql`SELECT mapping FROM imports WHERE id = ${r.id}`;
    expect(row?.mapping).toEqual({ Nom: 'lastName', Prénom: 'firstName', 'E-mail': 'email', Ville: 'city' });
  });

  it('decides Windows-1252 at the first accent even when the first megabyte is plain ASCII', async () => {
    const lines = ['Nom;Email'];
    for (let i = 0; i < 40_000; i++) lines.push(`Ascii${i};ascii${i}@exemple.fr`);
    lines.push('Hélène;helene@exemple.fr');
    const r = await importFile(t, 'contacts', iconv.encode(`${lines.join('\n')}\n`, 'win1252'));
    expect(r).toMatchObject({ status: 'completed', encoding: 'windows-1252', rowsInserted: 40_001 });
    expect(await contact({ email: 'helene@exemple.fr' })).toMatchObject({ lastName: 'Hélène' });
  });

  it('reports bad rows with their physical line, column and what to fix, and keeps the good ones', async () => {
    const csv = [
      'Nom;Email;Mobile;Adresse', // 1
      'Martin;martin.exemple.fr;;', // 2: no @
      'Bernard;bernard@exemple.fr;06 12;', // 3: short phone
      ';sans-nom@exemple.fr;;', // 4: no name
      'Petit;petit@exemple.fr;;"Bâtiment A', // 5-6: multi-line address
      'Escalier 2"',
      '<b>Durand</b>;durand@exemple.fr;;', // 7: HTML kept verbatim
      '=HYPERLINK("http://evil");formule@exemple.fr;;', // 8: formula kept verbatim
      'Petit bis;PETIT@exemple.fr;;', // 9: duplicate email of line 5
      'Ctrl\u0007;ctrl@exemple.fr;;', // 10: control character
      'Trop;trop@exemple.fr;;;en plus', // 11: one value too many
      '', // blank line skipped
      'Dernier;dernier@exemple.fr;;', // 13
    ].join('\n');
    const r = await importFile(t, 'contacts', csv);
    expect(r).toMatchObject({ status: 'completed', rowsTotal: 10, rowsInserted: 4, rowsFailed: 6 });
    expect(r.errors).toEqual([
      { line: 2, column: 'Email', reason: 'invalid email: no @ sign', value: 'martin.exemple.fr' },
      { line: 3, column: 'Mobile', reason: 'phone not valid for FR: too short', value: '06 12' },
      {
        line: 4,
        column: '',
        reason: 'missing required column lastName or companyName: give a last name or a company name',
        value: null,
      },
      { line: 9, column: '', reason: 'duplicate of line 5', value: null },
      { line: 10, column: 'Nom', reason: 'control character U+0007 is not allowed', value: 'Ctrl\u0007' },
      {
        line: 11,
        column: '',
        reason: 'this row has 5 values for 4 columns: check the delimiter and the quotes',
        value: null,
      },
    ]);
    expect(await contact({ email: 'durand@exemple.fr' })).toMatchObject({ lastName: '<b>Durand</b>' });
    expect(await contact({ email: 'formule@exemple.fr' })).toMatchObject({
      lastName: '=HYPERLINK("http://evil")',
    });
    expect(await contact({ email: 'petit@exemple.fr' })).toMatchObject({
      addressLine1: 'Bâtiment A\nEscalier 2',
    });
    expect(await contact({ email: 'dernier@exemple.fr' })).toBeTruthy();
  });

  it('changes nothing when the same file is imported again, and a blank cell never erases', async () => {
    const csv =
      'Référence;Nom;Email;Ville;Tags\nR1;Roux;roux@exemple.fr;Nantes;a|b\nR2;Blanc;blanc@exemple.fr;Brest;\n';
    const first = await importFile(t, 'contacts', csv);
    expect(first).toMatchObject({ rowsInserted: 2, rowsUpdated: 0, rowsUnchanged: 0 });
    const before = await contact({ externalId: 'R1' });
    const again = await importFile(t, 'contacts', csv);
    expect(again).toMatchObject({ status: 'completed', rowsInserted: 0, rowsUpdated: 0, rowsUnchanged: 2 });
    expect((await contact({ externalId: 'R1' }))?.updatedAt).toEqual(before?.updatedAt);

    const blanks = await importFile(t, 'contacts', 'Référence;Nom;Email;Ville;Tags\nR1;Roux;;;\n');
    expect(blanks).toMatchObject({ rowsUpdated: 0, rowsUnchanged: 1 });
    expect(await contact({ externalId: 'R1' })).toMatchObject({ email: 'roux@exemple.fr', city: 'Nantes' });

    const changed = await importFile(t, 'contacts', 'Référence;Ville;Nom;Tags\nR1;Rennes;Roux;c|a\n');
    expect(changed).toMatchObject({ rowsUpdated: 1, rowsUnchanged: 0 });
    expect(await contact({ externalId: 'R1' })).toMatchObject({ city: 'Rennes', tags: ['a', 'b', 'c'] });
  });

  it('matches by email, then by phone when exactly one contact has it, and refuses a taken email', async () => {
    await importFile(
      t,
      'contacts',
      'Nom;Email;Mobile\nVidal;vidal@exemple.fr;0611111111\nSolo;;0622222222\n',
    );
    const r = await importFile(
      t,
      'contacts',
      'Référence;Nom;Email;Mobile;Ville\n' +
        'V1;Vidal;vidal@exemple.fr;;Metz\n' + // by email: takes the external id V1
        ';Solo;;06 22 22 22 22;Nancy\n' + // by phone
        'V2;Autre;vidal@exemple.fr;;\n', // duplicate email in the file
    );
    expect(r).toMatchObject({ rowsInserted: 0, rowsUpdated: 2, rowsFailed: 1 });
    expect(await contact({ email: 'vidal@exemple.fr' })).toMatchObject({ externalId: 'V1', city: 'Metz' });
    const [solo] = await t.sql`SELECT city FROM contacts WHERE mobile = '+33622222222'`;
    expect(solo?.city).toBe('Nancy');

    const taken = await importFile(t, 'contacts', 'Référence;Nom;Email\nV9;Vidal;vidal@exemple.fr\n');
    expect(taken.errors).toEqual([
      {
        line: 2,
        column: 'Email',
        reason: 'email already belongs to the contact with external id V1: fix the email or the external id',
        value: 'vidal@exemple.fr',
      },
    ]);
  });

  it('is safe to run again for the same import (a retry): errors are not doubled, counts are the same', async () => {
    const id = await upload(t, 'contacts', 'Nom;Email\nRetry;retry@exemple.fr\nBad;bad-email\n');
    const first = await runImport(t, id);
    const second = await runImport(t, id);
    expect(first).toMatchObject({ rowsInserted: 1, rowsFailed: 1 });
    expect(second).toMatchObject({ status: 'completed', rowsInserted: 0, rowsUnchanged: 1, rowsFailed: 1 });
    expect(await importErrors(t, id)).toHaveLength(1);
  });

  it('refuses a second run of the same import while one is running', async () => {
    const id = await upload(t, 'contacts', 'Nom;Email\nSolo;solo-run@exemple.fr\n');
    // another worker holding the import's lock, as a running import does
    const other = await t.sql.reserve();
    await other`SELECT pg_advisory_lock(hashtextextended(${`import:${id}`}, 0))`;
    await expect(runImport(t, id)).rejects.toMatchObject({ code: 'conflict' });
    await other`SELECT pg_advisory_unlock(hashtextextended(${`import:${id}`}, 0))`;
    other.release();
    expect(await runImport(t, id)).toMatchObject({ status: 'completed', rowsInserted: 1 });
  });

  it('reports progress and caps the stored errors', async () => {
    const lines = ['Nom;Email'];
    for (let i = 0; i < 30; i++) lines.push(`N${i};bad${i}`);
    const progress: number[] = [];
    const r = await importFile(t, 'contacts', lines.join('\n'), {
      run: { maxErrors: 10, batchRows: 7, onProgress: (p) => progress.push(p.rowsTotal) },
    });
    expect(r).toMatchObject({ rowsFailed: 30, errorsTruncated: 20 });
    expect(r.errors).toHaveLength(10);
    expect(progress.at(-1)).toBe(30);
  });
});
