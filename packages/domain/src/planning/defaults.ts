import { assertNever, type Channel } from '../vocabulary';
import type { PostageBand, Returns, UnitCosts } from './costs';

/**
 * French defaults for planning, editable by callers (spread your own values over them, or keep them in the
 * settings). They are orders of magnitude from French direct-marketing practice in 2025-2026, not quotes:
 * replace them with your suppliers' prices and with the rates of past campaigns as soon as there are some.
 */

/**
 * Postage for business mailings (marketing mail, pre-sorted, in volume), in cents. Assumed, rounded figures of
 * the order of La Poste's business tariffs (Destineo / Lettre Verte pro); check the current tariff with your
 * router. A 20 g DL letter: 87 c, so printing 25 c + envelope 8 c + postage 87 c ≈ 1.20 € all-in.
 */
export const DEFAULT_POSTAGE_TABLE: readonly PostageBand[] = [
  { format: 'standard', maxWeightGrams: 20, priceCents: 87 },
  { format: 'standard', maxWeightGrams: 50, priceCents: 118 },
  { format: 'standard', maxWeightGrams: 100, priceCents: 171 },
  { format: 'standard', maxWeightGrams: 250, priceCents: 320 },
  { format: 'large', maxWeightGrams: 100, priceCents: 210 },
  { format: 'large', maxWeightGrams: 250, priceCents: 360 },
  { format: 'large', maxWeightGrams: 500, priceCents: 560 },
];

/**
 * Unit costs per channel:
 * - postal: A4 letter printed colour two sides, folded and enclosed (lettershop) ≈ 25 c; DL window envelope
 *   ≈ 8 c; 20 g standard postage (table above): ≈ 1.20 € per letter all-in;
 * - SMS: ≈ 6 c per 160-character segment for a French commercial SMS in volume (routers charge 4-8 c);
 * - voice message (VMS, dropped on the voicemail): ≈ 20 c per minute, a 30 s message;
 * - email: ≈ 1 € per thousand with a routing platform (ESP);
 * - phone: an outsourced B2B call centre ≈ 40 € per productive hour ≈ 70 c per minute, 4 minutes per call
 *   including dialling and wrap-up (call-centre seats bought by the day go in the fixed costs instead).
 */
export type UnitCostsOf<C extends Channel> = Extract<UnitCosts, { channel: C }>;

const DEFAULT_UNIT_COSTS: { [C in Channel]: UnitCostsOf<C> } = {
  postal: { channel: 'postal', printingCents: 25, envelopeCents: 8, format: 'standard', weightGrams: 20 },
  sms: { channel: 'sms', pricePerSegmentCents: 6, segments: 1 },
  voice: { channel: 'voice', pricePerMinuteCents: 20, durationSeconds: 30 },
  email: { channel: 'email', pricePerThousandCents: 100 },
  phone: { channel: 'phone', pricePerMinuteCents: 70, minutesPerCall: 4 },
};

/** A fresh copy of the channel's default unit costs, typed for that channel so callers can override fields. */
export function defaultUnitCosts<C extends Channel>(channel: C): UnitCostsOf<C> {
  return { ...DEFAULT_UNIT_COSTS[channel] };
}

/**
 * Returns (undelivered): postal NPAI on a rented or old file ≈ 4 % (a clean customer file 1-2 %), each one
 * handled (opened, address flagged, file updated) ≈ 30 c; email hard bounces ≈ 3 %, handled automatically;
 * SMS and voice: numbers no longer assigned ≈ 2-3 %; phone: wrong or dead numbers ≈ 5 %, the lost dialling time
 * being already in the minutes per call.
 */
export function defaultReturns(channel: Channel): Returns {
  switch (channel) {
    case 'postal':
      return { npaiRate: 0.04, handlingCentsPerReturn: 30 };
    case 'email':
      return { npaiRate: 0.03, handlingCentsPerReturn: 0 };
    case 'sms':
      return { npaiRate: 0.02, handlingCentsPerReturn: 0 };
    case 'voice':
      return { npaiRate: 0.03, handlingCentsPerReturn: 0 };
    case 'phone':
      return { npaiRate: 0.05, handlingCentsPerReturn: 0 };
    default:
      return assertNever(channel, 'channel');
  }
}

export interface ChannelRates {
  /** responses / sends */
  responseRate: number;
  /** sales / responses */
  conversionRate: number;
}

/**
 * Expected rates until past campaigns give real ones: a B2C mailing to customers draws 1-3 % responses (2 %),
 * a fifth of which buy; an email 1 % (clicks that answer the offer), 10 % of them buy; a commercial SMS 1.5 %,
 * 10 %; a voice message 2 %, 15 %; a phone call reaches and interests about 8 % of the numbers dialled, a
 * quarter of whom buy (higher in B2B, where phone is the most recommended channel).
 */
export function defaultRates(channel: Channel): ChannelRates {
  switch (channel) {
    case 'postal':
      return { responseRate: 0.02, conversionRate: 0.2 };
    case 'email':
      return { responseRate: 0.01, conversionRate: 0.1 };
    case 'sms':
      return { responseRate: 0.015, conversionRate: 0.1 };
    case 'voice':
      return { responseRate: 0.02, conversionRate: 0.15 };
    case 'phone':
      return { responseRate: 0.08, conversionRate: 0.25 };
    default:
      return assertNever(channel, 'channel');
  }
}

/** The share of a financial discount above which the "discount addiction" warning shows (DOMAIN.md §1.5). */
export const DEFAULT_DISCOUNT_WARNING_THRESHOLD = 0.15;
