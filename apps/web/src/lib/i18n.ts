import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import fr from '../locales/fr.json';
import { mergeLocaleFiles } from './locale-files';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The UI follows the browser's language: English when it says en, French otherwise. */
void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: {
      fr: { translation: mergeLocaleFiles(fr, import.meta.glob('../locales/fr/*.json', { eager: true })) },
      en: { translation: mergeLocaleFiles(en, import.meta.glob('../locales/en/*.json', { eager: true })) },
    },
    fallbackLng: 'fr',
    supportedLngs: LANGUAGES,
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    detection: { order: ['navigator'], caches: [] },
    interpolation: { escapeValue: false },
    returnNull: false,
  });

function syncHtmlLang(language: string | undefined): void {
  document.documentElement.lang = currentLanguage(language);
}
i18n.on('languageChanged', syncHtmlLang);
syncHtmlLang(i18n.resolvedLanguage);

export function currentLanguage(language = i18n.resolvedLanguage): Language {
  return language?.startsWith('en') ? 'en' : 'fr';
}

export default i18n;
