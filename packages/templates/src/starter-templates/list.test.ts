import { describe, expect, it } from 'vitest';
import { compileEmail, renderEmail } from '../email';
import { EXAMPLE_VALUES } from '../merge-fields';
import { STARTER_TEMPLATES, starterTemplate } from './list';

describe('starter templates', () => {
  it('offers the win-back, open days and quote follow-up templates', () => {
    expect(STARTER_TEMPLATES.map((t) => t.id)).toEqual(['win-back', 'open-days', 'quote-follow-up']);
    expect(starterTemplate('win-back')?.name.fr).toBe('Reconquête : « Vous nous manquez »');
    expect(starterTemplate('nope')).toBeUndefined();
  });

  it.each(STARTER_TEMPLATES.map((t) => [t.id, t] as const))(
    '%s is valid MJML, responsive, with the unsubscribe link',
    async (_id, t) => {
      const email = await compileEmail(t);
      expect(email.fields).toContain('unsubscribeUrl');
      expect(email.fields).toContain('trackingUrl');
      const out = renderEmail(email, EXAMPLE_VALUES);
      expect(out.html).not.toContain('{{');
      expect(out.html).toContain(`href="${EXAMPLE_VALUES.unsubscribeUrl}"`);
      expect(out.html).toContain('@media only screen and (min-width:480px)'); // columns stack below 480 px
      expect(out.html).toContain('lang="fr"');
      expect(out.text).toContain('Se désinscrire');
      expect(out.text).toContain(EXAMPLE_VALUES.trackingCode);
      expect(out.subject).not.toContain('{{');
    },
  );
});
