import { AppError } from '@relance/domain/errors';
import { describe, expect, it } from 'vitest';
import {
  compileTemplate,
  concatTemplates,
  EXAMPLE_VALUES,
  escapeHtml,
  MERGE_FIELDS,
  mapStatics,
  mergeValuesSchema,
  missingFields,
  nearestMergeField,
  parseTemplate,
  render,
} from './merge-fields';

describe('the merge field list', () => {
  it('describes every field with a label, a description and an example', () => {
    const names = MERGE_FIELDS.map((f) => f.name);
    for (const required of [
      'civility',
      'firstName',
      'lastName',
      'company',
      'email',
      'city',
      'postalCode',
    ] as const) {
      expect(names).toContain(required);
    }
    for (const required of [
      'lastOrderDate',
      'trackingCode',
      'trackingUrl',
      'offer',
      'unsubscribeUrl',
      'senderName',
    ] as const) {
      expect(names).toContain(required);
    }
    expect(new Set(names).size).toBe(names.length);
    for (const f of MERGE_FIELDS) {
      expect(f.description.length, f.name).toBeGreaterThan(5);
      expect(f.example.length, f.name).toBeGreaterThan(0);
      expect(f.label.fr.length, f.name).toBeGreaterThan(0);
    }
  });

  it('validates merge values at the edge: known fields only, strings or null', () => {
    expect(mergeValuesSchema.safeParse({ firstName: 'Claire', company: null }).success).toBe(true);
    expect(mergeValuesSchema.safeParse({ prenom: 'Claire' }).success).toBe(false);
    expect(mergeValuesSchema.safeParse({ firstName: 3 }).success).toBe(false);
  });
});

describe('parseTemplate', () => {
  it('lists the fields used with their line and column', () => {
    const parsed = parseTemplate(
      'Bonjour {{civility}} {{ lastName }},\n\nVotre code : {{trackingCode}}\n{{lastName}}',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.fields).toEqual(['civility', 'lastName', 'trackingCode']);
    expect(parsed.uses.map((u) => [u.name, u.line, u.column])).toEqual([
      ['civility', 1, 9],
      ['lastName', 1, 22],
      ['trackingCode', 3, 14],
      ['lastName', 4, 1],
    ]);
  });

  it('reads the fallback after a bar', () => {
    const parsed = parseTemplate('Bonjour {{firstName|cher client}}');
    expect(parsed.uses[0]).toMatchObject({ name: 'firstName', fallback: 'cher client' });
  });

  it('refuses unknown fields with their position and the nearest known name', () => {
    const parsed = parseTemplate(
      'Bonjour,\n  {{lastname}} et {{prenom}} et {{trackingUrll}} et {{zzzzzzzz}}',
    );
    expect(parsed.problems).toEqual([
      { line: 2, column: 3, message: 'unknown merge field {{lastname}}: did you mean {{lastName}}?' },
      { line: 2, column: 19, message: 'unknown merge field {{prenom}}: did you mean {{firstName}}?' },
      { line: 2, column: 33, message: 'unknown merge field {{trackingUrll}}: did you mean {{trackingUrl}}?' },
      { line: 2, column: 53, message: 'unknown merge field {{zzzzzzzz}}' },
    ]);
  });

  it('refuses an unclosed or empty field', () => {
    expect(parseTemplate('Bonjour {{firstName').problems).toEqual([
      { line: 1, column: 9, message: 'this {{ is never closed: end the merge field with }}' },
    ]);
    expect(parseTemplate('a {{firstName {{lastName}}').problems[0]?.column).toBe(3);
    expect(parseTemplate('{{ }}').problems[0]?.message).toMatch(/empty merge field/);
  });

  it('suggests by case, French alias and spelling', () => {
    expect(nearestMergeField('FIRSTNAME')).toBe('firstName');
    expect(nearestMergeField('codePostal')).toBe('postalCode');
    expect(nearestMergeField('societe')).toBe('company');
    expect(nearestMergeField('unsubscribUrl')).toBe('unsubscribeUrl');
    expect(nearestMergeField('qwertyuiop')).toBeNull();
  });
});

describe('compileTemplate and render', () => {
  it('throws a validation AppError with one field error per problem, saying where', () => {
    try {
      compileTemplate('Bonjour {{nom}}\n{{firstName', 'content.body');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.code).toBe('validation');
      expect(err.fieldErrors).toEqual([
        {
          field: 'content.body',
          message: 'line 1, column 9: unknown merge field {{nom}}: did you mean {{lastName}}?',
        },
        {
          field: 'content.body',
          message: 'line 2, column 1: this {{ is never closed: end the merge field with }}',
        },
      ]);
    }
  });

  it('merges values, and the fallback when the value is empty, null, blank or missing', () => {
    const t = compileTemplate('Bonjour {{firstName|cher client}}, {{city}}.');
    expect(render(t, { firstName: 'Claire', city: 'Lyon' }, { escape: 'none' })).toBe(
      'Bonjour Claire, Lyon.',
    );
    expect(render(t, { firstName: '', city: 'Lyon' }, { escape: 'none' })).toBe('Bonjour cher client, Lyon.');
    expect(render(t, { firstName: '  ', city: null }, { escape: 'none' })).toBe('Bonjour cher client, .');
    expect(render(t, {}, { escape: 'none' })).toBe('Bonjour cher client, .');
  });

  it('escapes values (and fallbacks) for HTML, and leaves them as they are for plain text', () => {
    const t = compileTemplate('<p>{{lastName}}</p><a href="{{trackingUrl}}">{{company|A & B}}</a>');
    const values = { lastName: '<script>alert("x")</script>', trackingUrl: 'https://x.fr/?a=1&b="2"' };
    expect(render(t, values, { escape: 'html' })).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p><a href="https://x.fr/?a=1&amp;b=&quot;2&quot;">A &amp; B</a>',
    );
    expect(render(t, values, { escape: 'none' })).toBe(
      '<p><script>alert("x")</script></p><a href="https://x.fr/?a=1&b="2"">A & B</a>',
    );
  });

  it('never re-parses a value', () => {
    const t = compileTemplate('{{firstName}}');
    expect(render(t, { firstName: '{{email}}' }, { escape: 'none' })).toBe('{{email}}');
  });

  it('renders a source without fields as it is, and every example value', () => {
    expect(render(compileTemplate('Rien à fusionner.'), {}, { escape: 'html' })).toBe('Rien à fusionner.');
    const all = compileTemplate(MERGE_FIELDS.map((f) => `{{${f.name}}}`).join('|'));
    expect(render(all, EXAMPLE_VALUES, { escape: 'none' })).toBe(
      MERGE_FIELDS.map((f) => f.example).join('|'),
    );
  });

  it('reports fields with no value and no fallback', () => {
    const t = compileTemplate('{{firstName|client}} {{lastName}} {{city}} {{lastName}}');
    expect(missingFields(t, { city: 'Lyon' })).toEqual(['lastName']);
  });

  it('concatenates and maps compiled templates without touching their fields', () => {
    const a = compileTemplate("l'offre {{offer}} & ");
    const b = compileTemplate('{{firstName}}!');
    const joined = concatTemplates(mapStatics(a, escapeHtml), b);
    expect(joined.fields).toEqual(['offer', 'firstName']);
    expect(render(joined, { offer: '-20 %', firstName: 'Jo' }, { escape: 'html' })).toBe(
      'l&#39;offre -20 % &amp; Jo!',
    );
  });
});
