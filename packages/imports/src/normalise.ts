/**
 * Value parsers for imported cells. Each answers `{ ok: true, value }` or `{ ok: false, reason }` where the
 * reason says what to fix. Blank cells are handled by the caller (a blank cell never erases a stored value).
 */
import type { Civility, ConsentStatus, ContactKind } from '@relance/domain/vocabulary';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** Lower-cased, accents removed, trimmed, inner spaces and dots collapsed: for matching words like "Oui". */
function word(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s._]+/g, ' ')
    .trim();
}

// Control characters other than tab, line feed and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Text as given (never rewritten, formulas included), refused when it has control characters or is too long. */
export function parseText(value: string, maxLength: number): Parsed<string> {
  if (CONTROL.test(value)) {
    const code = value.match(CONTROL)![0].charCodeAt(0);
    return fail(`control character U+${code.toString(16).padStart(4, '0').toUpperCase()} is not allowed`);
  }
  if (value.length > maxLength) return fail(`too long: ${value.length} characters, at most ${maxLength}`);
  if (value.includes('\ufffd')) {
    return fail(
      'invalid character: this line is not valid UTF-8 (save the file as CSV UTF-8 and import it again)',
    );
  }
  return ok(value);
}

const CIVILITIES: Record<string, Civility> = {
  m: 'M.',
  mr: 'M.',
  monsieur: 'M.',
  mister: 'M.',
  sir: 'M.',
  mme: 'Mme',
  madame: 'Mme',
  mlle: 'Mme',
  mademoiselle: 'Mme',
  mrs: 'Mme',
  ms: 'Mme',
  miss: 'Mme',
};

/** M, M., Monsieur, Mr → "M."; Mme, Madame, Mlle, Mrs, Ms → "Mme". */
export function parseCivility(raw: string): Parsed<Civility> {
  const c = CIVILITIES[word(raw).replace(/[ .]/g, '')];
  return c ? ok(c) : fail(`unknown civility "${raw}": use M. or Mme`);
}

const KINDS: Record<string, ContactKind> = {
  person: 'person',
  personne: 'person',
  particulier: 'person',
  individual: 'person',
  b2c: 'person',
  company: 'company',
  societe: 'company',
  entreprise: 'company',
  organisation: 'company',
  organization: 'company',
  professionnel: 'company',
  pro: 'company',
  b2b: 'company',
};

export function parseContactKind(raw: string): Parsed<ContactKind> {
  const k = KINDS[word(raw)];
  return k ? ok(k) : fail(`unknown contact kind "${raw}": use person or company`);
}

const COUNTRY_NAMES: Record<string, string> = {
  france: 'FR',
  belgique: 'BE',
  belgium: 'BE',
  suisse: 'CH',
  switzerland: 'CH',
  luxembourg: 'LU',
  monaco: 'MC',
  allemagne: 'DE',
  germany: 'DE',
  espagne: 'ES',
  spain: 'ES',
  italie: 'IT',
  italy: 'IT',
  'royaume uni': 'GB',
  'united kingdom': 'GB',
  uk: 'GB',
  canada: 'CA',
  'pays bas': 'NL',
  netherlands: 'NL',
  portugal: 'PT',
  guadeloupe: 'GP',
  martinique: 'MQ',
  'la reunion': 'RE',
  reunion: 'RE',
  guyane: 'GF',
  mayotte: 'YT',
};

/** ISO 3166-1 alpha-2 ("fr" → "FR"), or a common French/English country name. */
export function parseCountry(raw: string): Parsed<string> {
  const w = word(raw).replace(/-/g, ' ');
  if (/^[a-z]{2}$/.test(w)) return ok(w.toUpperCase());
  const code = COUNTRY_NAMES[w];
  return code ? ok(code) : fail(`unknown country "${raw}": use a two-letter ISO code such as FR`);
}

/** Tags separated by | or , (blank ones dropped, duplicates removed, order kept). */
export function parseTags(raw: string): Parsed<string[]> {
  const tags = [...new Set(raw.split(/[|,]/).map((t) => t.trim()))].filter((t) => t !== '');
  const long = tags.find((t) => t.length > 50);
  if (long) return fail(`tag "${long.slice(0, 20)}…" is too long: at most 50 characters`);
  return ok(tags);
}

const TRUE_WORDS = new Set(['oui', 'o', 'yes', 'y', 'true', 'vrai', '1', 'x', 'opt in', 'optin', 'opt-in']);
const FALSE_WORDS = new Set(['non', 'n', 'no', 'false', 'faux', '0', 'opt out', 'optout', 'opt-out']);

export function parseBoolean(raw: string): Parsed<boolean> {
  const w = word(raw);
  if (TRUE_WORDS.has(w)) return ok(true);
  if (FALSE_WORDS.has(w)) return ok(false);
  return fail(`"${raw}" is not yes or no: use oui/non, yes/no, 1/0, true/false`);
}

/** oui/yes/opt-in/1/true → opt_in; non/no/opt-out/0/false → opt_out; "inconnu"/"unknown" → unknown. */
export function parseConsent(raw: string): Parsed<ConsentStatus> {
  const w = word(raw);
  if (w === 'inconnu' || w === 'unknown' || w === '?') return ok('unknown');
  const b = parseBoolean(raw);
  if (b.ok) return ok(b.value ? 'opt_in' : 'opt_out');
  return fail(`"${raw}" is not a consent: use oui/non, yes/no, opt-in/opt-out, 1/0`);
}

/**
 * Euros to integer cents: "1 234,56", "1234.56", "1 234,56 €", "1.234,56", "-12,5", "EUR 12".
 * A lone "." or "," followed by exactly three digits ("1.234") is ambiguous (thousands or decimals?):
 * it is refused with a reason rather than guessed, since it is money.
 */
export function parseAmount(raw: string): Parsed<number> {
  let s = raw.replace(/[\s\u00a0\u202f]/g, '').replace(/€|eur(?:os?)?/gi, '');
  let negative = false;
  if (s.startsWith('-')) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s))
    return fail(`"${raw}" is not an amount in euros (e.g. 1 234,56)`);
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  const decimalAt = Math.max(lastComma, lastDot);
  let whole = s;
  let fraction = '';
  if (decimalAt !== -1) {
    const sep = s[decimalAt]!;
    const other = sep === ',' ? '.' : ',';
    const sepCount = s.split(sep).length - 1;
    // "1.234.567" or "1,234,567": the separator repeats, so it groups thousands
    if (sepCount > 1 && !s.includes(other)) {
      if (!THOUSANDS.test(s)) return fail(`"${raw}" is not an amount in euros (e.g. 1 234,56)`);
      whole = s.split(sep).join('');
    } else {
      const integer = s.slice(0, decimalAt);
      if (/[.,]/.test(integer) && !(THOUSANDS.test(integer) && !integer.includes(sep))) {
        return fail(`"${raw}" is not an amount in euros (e.g. 1 234,56)`);
      }
      whole = integer.replace(/[.,]/g, '');
      fraction = s.slice(decimalAt + 1);
    }
  }
  if (fraction.length === 3 && !s.slice(0, decimalAt).match(/[.,]/)) {
    return fail(`"${raw}" is ambiguous: write 1234 or 1234,00 (no thousands separator, or a space)`);
  }
  if (fraction.length > 2) return fail(`"${raw}" has more than two decimals`);
  if (whole === '' && fraction === '') return fail(`"${raw}" is not an amount in euros`);
  const cents = Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(cents) || cents > 2_000_000_000) return fail(`"${raw}" is too large`);
  return ok(negative ? -cents : cents);
}

/** Digits grouped by three with one kind of separator: 1.234.567 or 1,234 */
const THOUSANDS = /^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$/;

const FR_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T](\d{1,2})[:h](\d{2})(?::(\d{2}))?)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Offset in minutes of a time zone at a UTC instant, e.g. 60 or 120 for Europe/Paris. */
function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - utcMs) / 60_000);
}

/** A wall-clock time in a zone to the UTC instant (DST handled by trying the offset twice). */
function zonedToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string): Date {
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  let guess = naive - zoneOffsetMinutes(naive, zone) * 60_000;
  guess = naive - zoneOffsetMinutes(guess, zone) * 60_000;
  return new Date(guess);
}

function validDay(y: number, mo: number, d: number): boolean {
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * dd/mm/yyyy, dd/mm/yyyy hh:mm[:ss] (also with - or . and "14h30"), or ISO 8601. Times without an
 * offset are read in `timeZone` (the workspace's, Europe/Paris by default); the result is UTC.
 */
export function parseDate(raw: string, timeZone = 'Europe/Paris'): Parsed<Date> {
  const s = raw.trim();
  const fr = FR_DATE.exec(s);
  if (fr) {
    const [, dd, mm, yy, hh, mi, ss] = fr;
    let year = Number(yy);
    if (yy!.length === 2) year += year < 70 ? 2000 : 1900;
    const month = Number(mm);
    const day = Number(dd);
    if (!validDay(year, month, day)) return fail(`"${raw}" is not a date: use dd/mm/yyyy`);
    const h = Number(hh ?? 0);
    const m = Number(mi ?? 0);
    if (h > 23 || m > 59 || Number(ss ?? 0) > 59) return fail(`"${raw}" has an invalid time: use hh:mm`);
    return ok(zonedToUtc(year, month, day, h, m, Number(ss ?? 0), timeZone));
  }
  if (ISO_DATE.test(s)) {
    const [y, mo, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
    if (!validDay(y, mo, d)) return fail(`"${raw}" is not a date`);
    if (/(?:Z|[+-]\d{2}:?\d{2})$/.test(s) && s.length > 10) return ok(new Date(s));
    const time = s.slice(11).split(/[:.]/).map(Number);
    return ok(zonedToUtc(y, mo, d, time[0] ?? 0, time[1] ?? 0, time[2] ?? 0, timeZone));
  }
  return fail(`"${raw}" is not a date: use dd/mm/yyyy, dd/mm/yyyy hh:mm or yyyy-mm-dd`);
}
