import { compileEmail } from '@relance/templates/email';
import { expect, it } from 'vitest';
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
