import { useTranslation } from 'react-i18next';
import { currentLanguage, type Language } from './i18n';
import { WORKSPACE_TIME_ZONE } from './time-zone';

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

export interface Formatters {
  locale: string;
  money: (cents: number | null | undefined) => string;
  date: (iso: string | null | undefined) => string;
  dateTime: (iso: string | null | undefined) => string;
  number: (value: number | null | undefined) => string;
  bytes: (value: number | null | undefined) => string;
  phone: (e164: string | null | undefined) => string;
}

/** French numbers the way the French write them (06 12 34 56 78); any other stays in E.164. */
export function formatPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  const fr = /^\+33([1-9]\d{8})$/.exec(e164);
  if (!fr) return e164;
  return `0${fr[1]}`.replace(/(\d{2})(?=\d)/g, '$1 ');
}

const cache = new Map<Language, Formatters>();

export function formatters(language: Language): Formatters {
  const cached = cache.get(language);
  if (cached) return cached;
  const locale = LOCALES[language];
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: WORKSPACE_TIME_ZONE });
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: WORKSPACE_TIME_ZONE,
  });
  const number = new Intl.NumberFormat(locale);
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const dash = '—';
  const f: Formatters = {
    locale,
    money: (cents) => (cents === null || cents === undefined ? dash : money.format(cents / 100)),
    date: (iso) => (iso ? date.format(new Date(iso)) : dash),
    dateTime: (iso) => (iso ? dateTime.format(new Date(iso)) : dash),
    number: (value) => (value === null || value === undefined ? dash : number.format(value)),
    phone: formatPhone,
    bytes: (value) => {
      if (value === null || value === undefined) return dash;
      const units = language === 'fr' ? ['o', 'Ko', 'Mo', 'Go'] : ['B', 'KB', 'MB', 'GB'];
      let v = value;
      let unit = 0;
      while (v >= 1024 && unit < units.length - 1) {
        v /= 1024;
        unit++;
      }
      return `${oneDecimal.format(v)} ${units[unit]}`;
    },
  };
  cache.set(language, f);
  return f;
}

/** Formatters for the UI's current language (re-rendered when it changes). */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return formatters(currentLanguage(i18n.resolvedLanguage));
}
