import type { LostReason } from '../winback/vocabulary';
import type { Answers } from './survey-answers';
import {
  type SurveyDefinition,
  type SurveyDefinitionInput,
  surveyDefinitionSchema,
} from './survey-definition';

const sat = (key: string, fr: string, en: string) =>
  ({ key, kind: 'satisfaction', scale: 'four_level', label: { fr, en } }) as const;
const imp = (key: string, fr: string, en: string) =>
  ({ key, kind: 'importance', scale: 'four_level', label: { fr, en } }) as const;

/** The trade's satisfaction questionnaire: a starting point the marketer edits. */
export const SATISFACTION_TEMPLATE: SurveyDefinitionInput = {
  purpose: 'satisfaction',
  title: { fr: 'Votre avis compte', en: 'Your opinion matters' },
  intro: {
    fr: 'Quelques questions (3 minutes) pour mieux vous servir.',
    en: 'A few questions (3 minutes) to serve you better.',
  },
  filter: [
    {
      key: 'customer_kind',
      kind: 'choice',
      label: { fr: 'Vous êtes…', en: 'You are…' },
      options: [
        { value: 'private', label: { fr: 'Un particulier', en: 'A private customer' } },
        { value: 'business', label: { fr: 'Une entreprise', en: 'A business' } },
        {
          value: 'not_customer',
          label: { fr: 'Je ne suis pas client(e)', en: 'I am not a customer' },
          screensOut: true,
        },
      ],
    },
  ],
  overall: sat(
    'overall',
    'Globalement, êtes-vous satisfait(e) de nos services ?',
    'Overall, how satisfied are you with us?',
  ),
  components: [
    {
      key: 'price',
      label: { fr: 'Prix', en: 'Price' },
      importance: imp(
        'price_importance',
        'Le prix est-il important pour vous ?',
        'How important is price to you?',
      ),
      criteria: [
        sat('price_level', 'Le niveau de nos prix', 'Our price level'),
        sat('price_clarity', 'La clarté de nos tarifs', 'How clear our prices are'),
      ],
    },
    {
      key: 'delays',
      label: { fr: 'Délais', en: 'Delays' },
      importance: imp(
        'delays_importance',
        'Les délais sont-ils importants pour vous ?',
        'How important are delays to you?',
      ),
      criteria: [
        sat('delivery_time', 'Le délai de livraison', 'Delivery time'),
        sat('promises_kept', 'Le respect des délais annoncés', 'Keeping to the announced dates'),
      ],
    },
    {
      key: 'support',
      label: { fr: 'Service client', en: 'Customer support' },
      importance: imp(
        'support_importance',
        'Le service client est-il important pour vous ?',
        'How important is support to you?',
      ),
      criteria: [
        sat('support_reach', 'La facilité à nous joindre', 'How easy we are to reach'),
        sat('problem_solving', 'La résolution de vos problèmes', 'How we solve your problems'),
      ],
    },
  ],
  habits: [
    {
      key: 'frequency',
      kind: 'choice',
      label: { fr: 'À quelle fréquence achetez-vous chez nous ?', en: 'How often do you buy from us?' },
      options: [
        { value: 'monthly', label: { fr: 'Chaque mois', en: 'Every month' } },
        { value: 'quarterly', label: { fr: 'Chaque trimestre', en: 'Every quarter' } },
        { value: 'yearly', label: { fr: 'Une fois par an ou moins', en: 'Once a year or less' } },
      ],
    },
  ],
  intentions: [
    {
      key: 'buy_again',
      kind: 'buy_again',
      label: { fr: 'Achèterez-vous de nouveau chez nous ?', en: 'Will you buy from us again?' },
    },
    {
      key: 'recommend',
      kind: 'recommend',
      label: {
        fr: 'Recommanderiez-vous notre entreprise à un proche (0 à 10) ?',
        en: 'Would you recommend us to a friend (0 to 10)?',
      },
    },
  ],
  open: [
    {
      key: 'comment',
      kind: 'open',
      required: false,
      label: { fr: 'Que devrions-nous améliorer en priorité ?', en: 'What should we improve first?' },
    },
  ],
};

/** The lost-customer barometer: why they left, how they decided, what triggered it, for which competitor. */
export const LOST_CUSTOMERS_TEMPLATE: SurveyDefinitionInput = {
  purpose: 'lost_customers',
  title: { fr: 'Vous nous avez quittés : dites-nous pourquoi', en: 'You left us: tell us why' },
  overall: sat(
    'overall',
    'Quand vous étiez client(e), étiez-vous satisfait(e) ?',
    'When you were a customer, were you satisfied?',
  ),
  habits: [
    {
      key: 'why_left',
      kind: 'choice',
      label: { fr: 'Pourquoi nous avez-vous quittés ?', en: 'Why did you leave us?' },
      options: [
        { value: 'price', label: { fr: 'Le prix', en: 'Price' }, lostReason: 'price' },
        { value: 'quality', label: { fr: 'La qualité', en: 'Quality' }, lostReason: 'quality' },
        { value: 'service', label: { fr: 'Le service', en: 'Service' }, lostReason: 'service' },
        {
          value: 'competitor',
          label: { fr: 'Une offre concurrente', en: 'A competitor’s offer' },
          lostReason: 'competitor',
        },
        { value: 'moved', label: { fr: 'J’ai déménagé', en: 'I moved' }, lostReason: 'moved' },
        {
          value: 'no_need',
          label: { fr: 'Je n’en ai plus besoin', en: 'I no longer need it' },
          lostReason: 'no_need',
        },
        { value: 'other', label: { fr: 'Autre', en: 'Other' }, lostReason: 'other' },
      ],
    },
    {
      key: 'trigger',
      kind: 'choice',
      label: { fr: 'Qu’est-ce qui a déclenché votre départ ?', en: 'What triggered your leaving?' },
      options: [
        {
          value: 'incident',
          label: { fr: 'Un incident ou une réclamation', en: 'An incident or a complaint' },
        },
        { value: 'price_rise', label: { fr: 'Une hausse de prix', en: 'A price rise' } },
        {
          value: 'offer_elsewhere',
          label: { fr: 'Une offre reçue ailleurs', en: 'An offer from elsewhere' },
        },
        {
          value: 'gradual',
          label: { fr: 'Rien de précis, peu à peu', en: 'Nothing in particular, gradually' },
        },
      ],
    },
    {
      key: 'decision',
      kind: 'choice',
      label: { fr: 'Comment avez-vous décidé ?', en: 'How did you decide?' },
      options: [
        { value: 'alone', label: { fr: 'Seul(e)', en: 'On my own' } },
        { value: 'advice', label: { fr: 'Sur conseil d’un proche', en: 'On someone’s advice' } },
        { value: 'comparison', label: { fr: 'Après avoir comparé', en: 'After comparing' } },
      ],
    },
  ],
  open: [
    {
      key: 'competitor',
      kind: 'open',
      required: false,
      maxLength: 120,
      label: { fr: 'Pour quel concurrent ?', en: 'For which competitor?' },
    },
    {
      key: 'comment',
      kind: 'open',
      required: false,
      label: { fr: 'Qu’aurions-nous dû faire ?', en: 'What should we have done?' },
    },
  ],
};

export const surveyTemplate = (purpose: SurveyDefinition['purpose']): SurveyDefinition =>
  surveyDefinitionSchema.parse(purpose === 'satisfaction' ? SATISFACTION_TEMPLATE : LOST_CUSTOMERS_TEMPLATE);

/**
 * What a lost-customer answer says for the contact's lost reason: the reason of the first chosen option that
 * carries one, and the competitor typed in the open question keyed `competitor` (if any).
 */
export function lostReasonFrom(
  survey: SurveyDefinition,
  answers: Answers,
): { reason: LostReason; competitor: string | null } | null {
  for (const q of [...survey.filter, ...survey.habits]) {
    if (q.kind !== 'choice') continue;
    const value = answers[q.key];
    const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    const option = q.options.find((o) => o.lostReason && chosen.includes(o.value));
    if (option?.lostReason) {
      const competitor = answers.competitor;
      return {
        reason: option.lostReason,
        competitor: typeof competitor === 'string' && competitor ? competitor : null,
      };
    }
  }
  return null;
}
