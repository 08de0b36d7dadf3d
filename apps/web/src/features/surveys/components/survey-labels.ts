import type { Bilingual } from '@relance/domain/surveys/survey-definition';
import type { Language } from '../../../lib/i18n';

/** A questionnaire's text in the respondent's language (French when the English is not written). */
export const labelIn = (label: Bilingual | undefined, language: Language): string =>
  label ? (language === 'en' ? label.en || label.fr : label.fr) : '';
