import { z } from 'zod';
import { assertNever } from '../vocabulary';

/**
 * Where a wave's respondents come from:
 * - campaign: the sends of a campaign step (an email or SMS to a segment) — each send's link is its invitation;
 * - moment: a moment in the customer's life, found every day by the worker (trigger below);
 * - manual: contacts asked by hand, or by a telemarketer who fills the answers in during a call.
 */
export const SURVEY_WAVE_SOURCES = ['campaign', 'moment', 'manual'] as const;
export type SurveyWaveSource = (typeof SURVEY_WAVE_SOURCES)[number];

/** How a moment wave's invitations reach the customer: a message with the answer link, or a call. */
export const INVITATION_CHANNELS = ['email', 'sms', 'phone'] as const;
export type InvitationChannel = (typeof INVITATION_CHANNELS)[number];

/**
 * The moments (DOMAIN.md §5-6): N months after the first order (four by default), then every year on that date;
 * a few days after a complaint is closed; when a customer moves to the former-customer file or asks to cancel (the
 * lost-customer barometer; callbacks/cancellation.ts says what a cancellation request is).
 */
export const waveTriggerSchema = z.discriminatedUnion(
  'moment',
  [
    z.object({
      moment: z.literal('after_first_order'),
      months: z.number().int().min(1).max(36).default(4),
      thenYearly: z.boolean().default(true),
      deliverBy: z.enum(INVITATION_CHANNELS).default('email'),
    }),
    z.object({
      moment: z.literal('complaint_closed'),
      daysAfter: z.number().int().min(0).max(60).default(2),
      deliverBy: z.enum(INVITATION_CHANNELS).default('email'),
    }),
    z.object({
      moment: z.literal('became_former'),
      deliverBy: z.enum(INVITATION_CHANNELS).default('phone'),
    }),
    z.object({
      moment: z.literal('cancellation'),
      deliverBy: z.enum(INVITATION_CHANNELS).default('phone'),
    }),
  ],
  {
    error:
      'Choose the moment: after the first order, after a complaint is closed, or on becoming a former customer',
  },
);
export type WaveTrigger = z.output<typeof waveTriggerSchema>;
export type WaveTriggerInput = z.input<typeof waveTriggerSchema>;

/** The moment in words, for logs and the wave list. */
export function describeTrigger(t: WaveTrigger): string {
  switch (t.moment) {
    case 'after_first_order':
      return `${t.months} months after the first order${t.thenYearly ? ', then every year' : ''}`;
    case 'complaint_closed':
      return `${t.daysAfter} days after a complaint is closed`;
    case 'became_former':
      return 'on becoming a former customer';
    case 'cancellation':
      return 'on asking to cancel';
    default:
      return assertNever(t, 'wave trigger');
  }
}

/** How long a low answer from an important customer may wait before the account owner calls back. */
export const LOW_ANSWER_CALLBACK_HOURS = 48;
