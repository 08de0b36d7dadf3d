import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { PREVIEW_BYTES, previewCsv } from './preview';

describe('previewCsv', () => {
  it('detects encoding and delimiter, reads headers and the first ten rows, and suggests a mapping', () => {
    const rows = Array.from({ length: 15 }, (_, i) => `Dupont${i};Zoé;z${i}@exemple.fr;Lyon`);
    const head = iconv.encode(`Nom;Prénom;Courriel;Date de naissance\r\n${rows.join('\r\n')}\r\n`, 'win1252');
    const p = previewCsv(head, 'contacts');
    expect(p).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
      headers: ['Nom', 'Prénom', 'Courriel', 'Date de naissance'],
      suggestedMapping: {
        Nom: 'lastName',
        Prénom: 'firstName',
        Courriel: 'email',
        'Date de naissance': 'ignore',
      },
      unmappedHeaders: ['Date de naissance'],
      missingRequired: [],
    });
    expect(p.rows).toHaveLength(10);
    expect(p.rows[0]).toEqual(['Dupont0', 'Zoé', 'z0@exemple.fr', 'Lyon']);
    expect(p.warnings.join(' ')).toContain('Windows-1252');
  });

  it('keeps whole lines of a 64 KiB slice and says what is missing', () => {
    const line = `"Rue des Lilas\nBât. B",${'x'.repeat(100)},m@exemple.fr\n`;
    const text = `Adresse,Commentaire,E-mail\n${line.repeat(1000)}`;
    const head = Buffer.from(`\ufeff${text}`, 'utf8').subarray(0, PREVIEW_BYTES);
    const p = previewCsv(head, 'contacts');
    expect(p).toMatchObject({
      encoding: 'utf-8',
      delimiter: ',',
      missingRequired: ['lastName or companyName'],
    });
    expect(p.rows[0]).toEqual(['Rue des Lilas\nBât. B', 'x'.repeat(100), 'm@exemple.fr']);
  });

  it('refuses UTF-16 and an empty file', () => {
    expect(() => previewCsv(iconv.encode('\ufeffNom;Email\n', 'utf16-le'), 'contacts')).toThrow(/UTF-16/);
    expect(() => previewCsv(Buffer.alloc(0), 'orders')).toThrow(/empty/);
  });

  it('suggests the orders mapping', () => {
    const p = previewCsv(
      Buffer.from('Référence commande\tEmail\tDate\tMontant\nA\tb@c.fr\t01/01/2024\t12\n'),
      'orders',
    );
    expect(p.delimiter).toBe('\t');
    expect(p.suggestedMapping).toEqual({
      'Référence commande': 'externalId',
      Email: 'contactEmail',
      Date: 'orderedAt',
      Montant: 'amount',
    });
    expect(p.missingRequired).toEqual([]);
  });
});
