import { compileEmail, renderEmail } from '@relance/templates/email';
import type { MergeValues } from '@relance/templates/merge-fields';
import { describe, expect, it } from 'vitest';
import { emailBatchContent } from './batch-content';

const email = () =>
  compileEmail({
    subject: 'Bonjour {{firstName}}',
    mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Bonjour {{firstName}} <a href="{{unsubscribeUrl}}">désinscription</a></mj-text></mj-column></mj-section></mj-body></mjml>',
  });

/** the body with each recipient's substitutions applied, as SendGrid does */
const merged = (html: string, subs: Record<string, string>) =>
  Object.entries(subs).reduce((out, [key, value]) => out.split(key).join(value), html);

it('puts each recipient’s open pixel just before </body>, as a substitution', async () => {
  const content = emailBatchContent(await email(), { openPixel: true });
  const subs = content.substitutions(
    { firstName: 'Claire', unsubscribeUrl: 'https://r.example/unsubscribe/K7QMZ4XPTR' },
    { openPixelUrl: 'https://r.example/o/K7QMZ4XPTR.gif?a=1&b=2' },
  );
  const html = merged(content.body.html, subs);
  expect(html).toMatch(
    /<img src="https:\/\/r\.example\/o\/K7QMZ4XPTR\.gif\?a=1&amp;b=2" width="1" height="1" alt="" style="[^"]*" \/><\/body>/,
  );
  expect(html).toContain('Bonjour Claire');
  // a recipient without a pixel URL gets nothing in its place
  const none = merged(content.body.html, content.substitutions({ firstName: 'Paul' }));
  expect(none).not.toContain('<img');
  expect(none).toMatch(/<\/div>\s*<\/body>/);
});

it('adds no pixel unless asked', async () => {
  const content = emailBatchContent(await email());
  const subs = content.substitutions({ firstName: 'Claire' }, { openPixelUrl: 'https://r.example/o/X.gif' });
  expect(merged(content.body.html, subs)).not.toContain('/o/X.gif');
});

describe('a batch body: what every recipient shares written in once, the rest per recipient', () => {
  const source = () =>
    compileEmail({
      subject: '{{firstName|Bonjour}}, {{offer}} avec {{trackingCode}}',
      mjml: `<mjml><mj-body><mj-section><mj-column>
        <mj-text>Bonjour {{civility}} {{lastName|cher client}} de {{city|chez vous}}, {{offer|une surprise}} jusqu’au {{offerEndDate}}.</mj-text>
        <mj-text>Code {{trackingCode}}</mj-text>
        <mj-button href="{{trackingUrl}}">Voir</mj-button>
        <mj-text><a href="{{unsubscribeUrl}}">Se désinscrire</a></mj-text>
      </mj-column></mj-section></mj-body></mjml>`,
    });
  // the send's values as dispatch builds them from a code's two parts (the code itself, or the batch's tags)
  const sendValues = (head: string, tail: string, offer: string | null): MergeValues => ({
    trackingCode: `${head}-${tail}`,
    trackingUrl: `https://r.example/r/${head}${tail}?a=1&b=2`,
    unsubscribeUrl: `https://r.example/unsubscribe/${head}${tail}`,
    offer,
    offerEndDate: '31 mars 2027',
  });
  const recipients: MergeValues[] = [
    { civility: 'Madame', firstName: 'Claire', lastName: 'O’Brien & <Fils>', city: 'Lyon' },
    { civility: null, firstName: '  ', lastName: null, city: 'Saint-Étienne\nLoire' },
  ];
  const codes: [string, string][] = [
    ['K7QMZ', '4XPTR'],
    ['AB2CD', 'EF3GH'],
  ];
  const applied = (text: string, subs: Record<string, string>) =>
    Object.entries(subs).reduce((out, [key, value]) => out.split(key).join(value), text);

  it.each([
    ['-20 % & livraison <offerte>', 'without', false],
    [null, 'without', false],
    ['-20 %', 'with', true],
  ])(
    'gives each recipient what render() would (offer %s, %s the recipients’ values)',
    async (offer, _, withValues) => {
      const compiled = await source();
      const content = emailBatchContent(compiled, { openPixel: true });
      const [h, t] = content.codeTags;
      const batch = content.forBatch(sendValues(h, t, offer), {
        openPixelUrl: `https://r.example/o/${h}${t}.gif`,
        ...(withValues ? { recipients } : {}),
      });
      recipients.forEach((values, i) => {
        const code = codes[i]!;
        const subs = batch.substitutions(values, code);
        const expected = renderEmail(compiled, { ...values, ...sendValues(code[0], code[1], offer) });
        expect(applied(batch.body.subject, subs)).toBe(expected.subject);
        expect(applied(batch.body.text, subs)).toBe(expected.text);
        const html = applied(batch.body.html, subs);
        expect(html).toBe(
          expected.html.replace(
            /<\/body>/,
            `<img src="https://r.example/o/${code.join('')}.gif" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;" /></body>`,
          ),
        );
      });
    },
  );

  it('sends per recipient only their own fields and their code’s two parts', async () => {
    const content = emailBatchContent(await source(), { openPixel: true });
    const [h, t] = content.codeTags;
    const batch = content.forBatch(sendValues(h, t, '-20 %'), {
      openPixelUrl: `https://r.example/o/${h}${t}.gif`,
    });
    const subs = batch.substitutions(recipients[0]!, codes[0]!);
    // firstName (subject), civility, lastName and city (HTML and text), and the code: no link, no offer
    expect(Object.values(subs).sort()).toEqual(
      [
        'Claire',
        'Madame',
        'Madame',
        'O’Brien & <Fils>',
        'O’Brien &amp; &lt;Fils&gt;',
        'Lyon',
        'Lyon',
        'K7QMZ',
        '4XPTR',
      ].sort(),
    );
    expect(batch.body.html).toContain('-20 %');
    expect(JSON.stringify(subs).length).toBeLessThan(
      JSON.stringify(
        content.substitutions(
          { ...recipients[0]!, ...sendValues('K7QMZ', '4XPTR', '-20 %') },
          { openPixelUrl: 'https://r.example/o/K7QMZ4XPTR.gif' },
        ),
      ).length / 2,
    );
  });

  it('gives a field one tag for the HTML and the text when none of the batch’s values needs escaping', async () => {
    const content = emailBatchContent(await source());
    const batch = content.forBatch(sendValues(...content.codeTags, '-20 %'), { recipients });
    const subs = batch.substitutions(recipients[0]!, codes[0]!);
    // civility and city once (a line break in a city needs no cleaning in the HTML or the text), the name twice:
    // it has to be escaped for the HTML
    expect(Object.values(subs).sort()).toEqual(
      ['Claire', 'Madame', 'O’Brien & <Fils>', 'O’Brien &amp; &lt;Fils&gt;', 'Lyon', 'K7QMZ', '4XPTR'].sort(),
    );
    // a batch where one civility has an apostrophe: civility is tagged per part again
    const other = content.forBatch(sendValues(...content.codeTags, '-20 %'), {
      recipients: [...recipients, { civility: "Ma'ame" }],
    });
    expect(
      Object.values(other.substitutions(recipients[0]!, codes[0]!)).filter((v) => v === 'Madame'),
    ).toHaveLength(2);
    // a recipient the batch was not built for, whose civility would need escaping, is refused, not sent unescaped
    expect(() => batch.substitutions({ civility: '<b>Madame</b>' }, codes[0]!)).toThrow(/needs escaping/);
  });

  it('refuses a code part that would need escaping', async () => {
    const content = emailBatchContent(await source());
    const batch = content.forBatch(sendValues(...content.codeTags, null));
    expect(() => batch.substitutions({}, ['K7<MZ', '4XPTR'])).toThrow(/letters and digits/);
  });

  it('draws tags that nothing the author wrote contains', async () => {
    const compiled = await source();
    const content = emailBatchContent(compiled);
    const prefix = content.codeTags[0].slice(0, 6);
    for (const t of [compiled.html, compiled.subject, compiled.text])
      for (const s of t.statics) expect(s).not.toContain(prefix);
  });
});
