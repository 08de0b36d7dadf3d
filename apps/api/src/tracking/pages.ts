/**
 * The small pages recipients see: the hosted landing page, the unsubscribe page, and the answers to a wrong or
 * guessed code. Server-rendered, mobile-first, French or English from Accept-Language; no script at all (the
 * API's Content-Security-Policy forbids inline scripts), styles inline (allowed), forms posting to the same
 * origin (form-action 'self').
 */
export type PageLanguage = 'fr' | 'en';

const MESSAGES = {
  fr: {
    notFoundTitle: 'Lien introuvable',
    notFound:
      'Ce lien n’est pas valide ou a expiré. Vérifiez qu’il est complet, ou contactez-nous directement : nous serons ravis de vous aider.',
    tooManyTitle: 'Trop de tentatives',
    tooMany: 'Trop de liens invalides ont été ouverts depuis votre connexion. Réessayez dans {minutes} min.',
    offerTitle: 'Votre offre',
    noOffer: 'Merci de l’attention que vous portez à notre proposition.',
    validUntil: 'Valable jusqu’au {date}.',
    interested: 'Je suis intéressé(e)',
    interestedHint: 'Un clic suffit : nous vous recontactons rapidement.',
    thanksTitle: 'Merci !',
    thanks: 'Votre intérêt est bien enregistré. Nous revenons vers vous très vite.',
    unsubscribeTitle: 'Se désinscrire',
    unsubscribe: 'Vous ne recevrez plus nos messages à cette adresse.',
    unsubscribeConfirm: 'Confirmer la désinscription',
    unsubscribedTitle: 'Désinscription confirmée',
    unsubscribed: 'C’est fait : vous ne recevrez plus nos messages à cette adresse.',
  },
  en: {
    notFoundTitle: 'Link not found',
    notFound:
      'This link is not valid or has expired. Check that it is complete, or contact us directly: we will be glad to help.',
    tooManyTitle: 'Too many attempts',
    tooMany: 'Too many invalid links were opened from your connection. Try again in {minutes} min.',
    offerTitle: 'Your offer',
    noOffer: 'Thank you for your interest in our offer.',
    validUntil: 'Valid until {date}.',
    interested: 'I’m interested',
    interestedHint: 'One click is enough: we will get back to you shortly.',
    thanksTitle: 'Thank you!',
    thanks: 'Your interest is recorded. We will get back to you very soon.',
    unsubscribeTitle: 'Unsubscribe',
    unsubscribe: 'You will no longer receive our messages at this address.',
    unsubscribeConfirm: 'Confirm unsubscribe',
    unsubscribedTitle: 'Unsubscribed',
    unsubscribed: 'Done: you will no longer receive our messages at this address.',
  },
} as const satisfies Record<PageLanguage, Record<string, string>>;

type MessageKey = keyof (typeof MESSAGES)['fr'];

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function text(lang: PageLanguage, key: MessageKey, values: Record<string, string> = {}): string {
  return escapeHtml(MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? ''));
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#1f2933;background:#f5f7fa;display:flex;min-height:100vh;align-items:center;justify-content:center;padding:16px}
main{background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:28px 24px;max-width:440px;width:100%}
h1{font-size:1.4rem;margin:0 0 12px}p{margin:0 0 16px}.offer{font-size:1.25rem;font-weight:600;color:#0b7285}
.muted{color:#616e7c;font-size:.9rem}.hint{margin-top:12px}button{width:100%;border:0;border-radius:8px;padding:14px 16px;font-size:1.05rem;
font-weight:600;background:#0b7285;color:#fff;cursor:pointer}button:focus{outline:3px solid #99e9f2}
button.quiet{background:#e4e7eb;color:#1f2933}`;

function page(lang: PageLanguage, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow"><link rel="icon" href="data:,">
<title>${title}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function notFoundPage(lang: PageLanguage): string {
  const title = text(lang, 'notFoundTitle');
  return page(lang, title, `<h1>${title}</h1><p>${text(lang, 'notFound')}</p>`);
}

export function tooManyPage(lang: PageLanguage, seconds: number): string {
  const title = text(lang, 'tooManyTitle');
  const minutes = String(Math.max(1, Math.ceil(seconds / 60)));
  return page(lang, title, `<h1>${title}</h1><p>${text(lang, 'tooMany', { minutes })}</p>`);
}

const DATE = {
  fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Paris' }),
};

export interface LandingView {
  code: string;
  offer: string | null;
  endsOn: string | null;
  responded: boolean;
}

export function landingPage(lang: PageLanguage, view: LandingView): string {
  if (view.responded) {
    const title = text(lang, 'thanksTitle');
    return page(lang, title, `<h1 data-state="responded">${title}</h1><p>${text(lang, 'thanks')}</p>`);
  }
  const title = text(lang, 'offerTitle');
  const offer = view.offer
    ? `<p class="offer">${escapeHtml(view.offer)}</p>`
    : `<p>${text(lang, 'noOffer')}</p>`;
  const until = view.endsOn
    ? `<p class="muted">${text(lang, 'validUntil', { date: DATE[lang].format(new Date(`${view.endsOn}T12:00:00Z`)) })}</p>`
    : '';
  return page(
    lang,
    title,
    `<h1>${title}</h1>${offer}${until}
<form method="post" action="/l/${encodeURIComponent(view.code)}"><input type="hidden" name="interested" value="1">
<button type="submit">${text(lang, 'interested')}</button></form>
<p class="muted hint">${text(lang, 'interestedHint')}</p>`,
  );
}

export function unsubscribePage(lang: PageLanguage, view: { code: string; done: boolean }): string {
  if (view.done) {
    const title = text(lang, 'unsubscribedTitle');
    return page(
      lang,
      title,
      `<h1 data-state="unsubscribed">${title}</h1><p>${text(lang, 'unsubscribed')}</p>`,
    );
  }
  const title = text(lang, 'unsubscribeTitle');
  return page(
    lang,
    title,
    `<h1>${title}</h1><p>${text(lang, 'unsubscribe')}</p>
<form method="post" action="/unsubscribe/${encodeURIComponent(view.code)}">
<input type="hidden" name="confirm" value="1">
<button type="submit">${text(lang, 'unsubscribeConfirm')}</button></form>`,
  );
}
