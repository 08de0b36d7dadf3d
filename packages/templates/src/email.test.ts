import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AppError } from '@relance/domain/errors';
import { describe, expect, it } from 'vitest';
import { compileEmail, renderEmail } from './email';
import { EXAMPLE_VALUES } from './merge-fields';

const body = (inner: string) => `<mjml>
  <mj-body>
    <mj-section>
      <mj-column>
        ${inner}
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
const UNSUBSCRIBE = '<mj-text><a href="{{unsubscribeUrl}}">Se désinscrire</a></mj-text>';

async function fieldErrors(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('validation');
    return (e as AppError).fieldErrors;
  }
  throw new Error('expected a validation error');
}

describe('compileEmail + renderEmail', () => {
  it('compiles MJML once and merges each contact into HTML, plain text, subject and preheader', async () => {
    const email = await compileEmail({
      subject: '{{firstName|Bonjour}}, votre offre',
      preheader: "L'offre {{offer}} & plus",
      mjml: body(
        `<mj-text>Bonjour {{firstName|cher client}}, votre code : {{trackingCode}}</mj-text>
        <mj-button href="{{trackingUrl}}">J'en profite</mj-button>
        ${UNSUBSCRIBE}`,
      ),
    });
    expect(email.fields.sort()).toEqual([
      'firstName',
      'offer',
      'trackingCode',
      'trackingUrl',
      'unsubscribeUrl',
    ]);

    const claire = renderEmail(email, {
      firstName: 'Claire',
      offer: '-20 %',
      trackingCode: 'AB12',
      trackingUrl: 'https://r.relance.fr/c/AB12?x=1&y=2',
      unsubscribeUrl: 'https://r.relance.fr/u/AB12',
    });
    expect(claire.subject).toBe('Claire, votre offre');
    expect(claire.html).toContain('<!doctype html>');
    expect(claire.html).toContain('Bonjour Claire, votre code : AB12');
    expect(claire.html).toContain('href="https://r.relance.fr/c/AB12?x=1&amp;y=2"');
    expect(claire.html).toContain('href="https://r.relance.fr/u/AB12"');
    expect(claire.html).not.toContain('{{');
    // the preheader: hidden, first thing in the body, static text escaped too
    expect(claire.html).toMatch(
      /<body[^>]*><div style="display:none;[^"]*">L&#39;offre -20 % &amp; plus<\/div>/,
    );

    expect(claire.text).toContain('Bonjour Claire, votre code : AB12');
    expect(claire.text).toContain("J'en profite [https://r.relance.fr/c/AB12?x=1&y=2]");
    expect(claire.text).toContain('Se désinscrire [https://r.relance.fr/u/AB12]');
    expect(claire.text).not.toContain('<');

    const anonymous = renderEmail(email, { firstName: '', trackingCode: 'ZZ' });
    expect(anonymous.subject).toBe('Bonjour, votre offre');
    expect(anonymous.html).toContain('Bonjour cher client, votre code : ZZ');
  });

  it('escapes HTML in merge values in the HTML part only', async () => {
    const email = await compileEmail({
      subject: 'Pour {{lastName}}',
      mjml: body(`<mj-text>{{lastName}}</mj-text>${UNSUBSCRIBE}`),
    });
    const out = renderEmail(email, { lastName: '<script>alert(1)</script>' });
    expect(out.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out.html).not.toContain('<script>');
    expect(out.text).toContain('<script>alert(1)</script>');
    expect(out.subject).toBe('Pour <script>alert(1)</script>');
  });

  it('requires the unsubscribe link', async () => {
    const errors = await fieldErrors(
      compileEmail({
        subject: 'Hello',
        mjml: body('<mj-text>Désinscription : {{unsubscribeUrl}}</mj-text>'),
      }),
    );
    expect(errors).toEqual([
      {
        field: 'mjml',
        message:
          'Add the unsubscribe link: <a href="{{unsubscribeUrl}}">Se désinscrire</a> (required in every email).',
      },
    ]);
  });

  it('takes the plain-text part as written when there is one, with its own merge fields and unsubscribe link', async () => {
    const mjml = body(`<mj-text>Bonjour {{firstName}}</mj-text>${UNSUBSCRIBE}`);
    const email = await compileEmail({
      subject: 'Bonjour',
      mjml,
      text: 'Bonjour {{firstName|à vous}},\nvotre code {{trackingCode}}.\nSe désinscrire : {{unsubscribeUrl}}',
    });
    const out = renderEmail(email, { firstName: '<b>Zoé</b>', trackingCode: 'AB12', unsubscribeUrl: 'U' });
    expect(out.text).toBe('Bonjour <b>Zoé</b>,\nvotre code AB12.\nSe désinscrire : U');
    expect(out.html).toContain('&lt;b&gt;Zoé&lt;/b&gt;');

    const errors = await fieldErrors(compileEmail({ subject: 'Bonjour', mjml, text: 'Salut {{prenom}}' }));
    expect(errors).toEqual([
      {
        field: 'text',
        message: 'line 1, column 7: unknown merge field {{prenom}}: did you mean {{firstName}}?',
      },
    ]);
    const noLink = await fieldErrors(compileEmail({ subject: 'Bonjour', mjml, text: 'Salut {{firstName}}' }));
    expect(noLink).toEqual([
      {
        field: 'text',
        message:
          'Add the unsubscribe link {{unsubscribeUrl}} to the plain-text part too, or leave it empty to generate it from the email.',
      },
    ]);
    // blank: generated from the HTML as before
    const generated = await compileEmail({ subject: 'Bonjour', mjml, text: '  ' });
    expect(renderEmail(generated, { firstName: 'Léa', unsubscribeUrl: 'U' }).text).toContain('Bonjour Léa');
  });

  it('returns MJML errors with their line, and merge field errors with line and column, all at once', async () => {
    const errors = await fieldErrors(
      compileEmail({
        subject: 'Bonjour {{prenom}}',
        preheader: '{{offre}}',
        mjml: body(`<mj-text colour="red">Bonjour {{firstname}}</mj-text>
        <mj-bogus />
        ${UNSUBSCRIBE}`),
      }),
    );
    expect(errors).toEqual([
      {
        field: 'subject',
        message: 'line 1, column 9: unknown merge field {{prenom}}: did you mean {{firstName}}?',
      },
      {
        field: 'preheader',
        message: 'line 1, column 1: unknown merge field {{offre}}: did you mean {{offer}}?',
      },
      {
        field: 'mjml',
        message: 'line 5, column 39: unknown merge field {{firstname}}: did you mean {{firstName}}?',
      },
      { field: 'mjml', message: 'line 5: Attribute colour is illegal' },
      { field: 'mjml', message: "line 6: Element mj-bogus doesn't exist or is not registered" },
    ]);
  });

  it('refuses something that is not MJML, and empty or multi-line subjects, without crashing', async () => {
    const notMjml = await fieldErrors(
      compileEmail({ subject: 'x', mjml: '<p>hello <a href="{{unsubscribeUrl}}">x</a></p>' }),
    );
    expect(notMjml.map((e) => e.field)).toEqual(['mjml']);
    expect(notMjml[0]!.message).toMatch(/MJML/);

    const empty = await fieldErrors(compileEmail({ subject: '  ', mjml: body(UNSUBSCRIBE) }));
    expect(empty).toEqual([{ field: 'subject', message: 'Write a subject.' }]);
    const twoLines = await fieldErrors(compileEmail({ subject: 'a\nb', mjml: body(UNSUBSCRIBE) }));
    expect(twoLines).toEqual([{ field: 'subject', message: 'The subject must fit on one line.' }]);
  });

  it('ignores mj-include: user MJML never reads files on the server', async () => {
    // relative to the working directory, which MJML would otherwise allow (absolute paths it denies anyway)
    const dir = mkdtempSync(join(process.cwd(), 'node_modules', '.relance-mjml-'));
    writeFileSync(join(dir, 'secret.html'), '<p>SECRET-FILE-CONTENT</p>');
    const path = `./${relative(process.cwd(), join(dir, 'secret.html'))}`;
    try {
      const email = await compileEmail({
        subject: 'x',
        mjml: body(UNSUBSCRIBE).replace(
          '<mj-body>',
          `<mj-body><mj-include path="${path}" type="html" /><mj-include path="${path}" />`,
        ),
      });
      expect(email.html.statics.join('')).not.toContain('SECRET-FILE-CONTENT');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('renders with the example values without leaving a placeholder', async () => {
    const email = await compileEmail({ subject: 'Hi {{firstName}}', mjml: body(UNSUBSCRIBE) });
    const out = renderEmail(email, EXAMPLE_VALUES);
    expect(out.html).toContain(EXAMPLE_VALUES.unsubscribeUrl);
    expect(out.text).toContain(EXAMPLE_VALUES.unsubscribeUrl);
  });
});
