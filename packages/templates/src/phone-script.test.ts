import { AppError } from '@relance/domain/errors';
import { describe, expect, it } from 'vitest';
import { compilePhoneScript, renderPhoneScript } from './phone-script';

describe('phone script', () => {
  it('merges the script and the offer as plain text and as escaped HTML with line breaks', () => {
    const phone = compilePhoneScript({
      script:
        'Bonjour {{civility}} {{lastName}}, je suis {{senderName}} <Boutique>.\nVous avez commandé le {{lastOrderDate}}.',
      offer: '{{offer}} avec le code {{trackingCode}}',
    });
    expect(phone.fields).toEqual([
      'civility',
      'lastName',
      'senderName',
      'lastOrderDate',
      'offer',
      'trackingCode',
    ]);
    const out = renderPhoneScript(phone, {
      civility: 'Madame',
      lastName: '<b>Durand</b>',
      senderName: 'Julie',
      lastOrderDate: '12 mars 2026',
      offer: '-10 % & livraison offerte',
      trackingCode: 'AB12',
    });
    expect(out.script.text).toBe(
      'Bonjour Madame <b>Durand</b>, je suis Julie <Boutique>.\nVous avez commandé le 12 mars 2026.',
    );
    expect(out.script.html).toBe(
      'Bonjour Madame &lt;b&gt;Durand&lt;/b&gt;, je suis Julie &lt;Boutique&gt;.<br>\nVous avez commandé le 12 mars 2026.',
    );
    expect(out.offer.html).toBe('-10 % &amp; livraison offerte avec le code AB12');
    expect(out.offer.text).toBe('-10 % & livraison offerte avec le code AB12');
  });

  it('refuses an empty script and unknown fields in either part, saying where', () => {
    try {
      compilePhoneScript({ script: 'Bonjour {{nom}}', offer: 'Code {{code}}' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).fieldErrors).toEqual([
        {
          field: 'script',
          message: 'line 1, column 9: unknown merge field {{nom}}: did you mean {{lastName}}?',
        },
        {
          field: 'offer',
          message: 'line 1, column 6: unknown merge field {{code}}: did you mean {{trackingCode}}?',
        },
      ]);
    }
    expect(() => compilePhoneScript({ script: '' })).toThrow(AppError);
  });
});
