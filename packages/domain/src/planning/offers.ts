import { z } from 'zod';
import { isTrackingCode } from '../tracking-code';
import { assertNever } from '../vocabulary';
import { cents, shareOf } from './costs';
import { DEFAULT_DISCOUNT_WARNING_THRESHOLD } from './defaults';
import { parsePlanningInput } from './parse-input';

/**
 * The offer of a campaign and its incentive (la carotte, DOMAIN.md §1.5 and §6.6): emotional (apology,
 * attention, an invitation: may cost something per taker, e.g. an event's catering), material (a gift, a
 * repair, a compensation) or financial (a discount as a share of the order or a fixed amount, a return bonus).
 * The expected take-up is the share of buyers who use the incentive.
 */
export const OFFER_TYPES = ['emotional', 'material', 'financial'] as const;
export type OfferType = (typeof OFFER_TYPES)[number];

const takeUp = shareOf('expected take-up');
const description = z.string().trim().max(500, { error: 'At most 500 characters' }).optional();

/**
 * A coupon code shared by every recipient of the campaign ("BIENVENUE10"), printed with the offer: typed at the
 * redemption screen or reported by the website, it credits the campaign (tracking/attribution.ts). Stored in
 * upper case; compared on its letters and digits only. It cannot look like a tracking code (10 characters with a
 * valid check character), which would make a typed code ambiguous.
 */
const couponCode = z
  .string()
  .trim()
  .toUpperCase()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(
    z
      .string()
      .regex(/^[A-Z0-9][A-Z0-9 -]{1,28}[A-Z0-9]$/, {
        error:
          'A coupon code has 3 to 30 letters or digits (dashes and spaces allowed inside), e.g. BIENVENUE10',
      })
      .refine((v) => !isTrackingCode(v.replace(/[^A-Z0-9]/g, '')), {
        error: 'This coupon code looks like a tracking code: choose another one',
      })
      .optional(),
  )
  .optional();

export const offerSchema = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('emotional'),
      description,
      couponCode,
      costPerTakerCents: cents('cost per taker', 10_000).default(0),
      expectedTakeUp: takeUp,
    }),
    z.object({
      type: z.literal('material'),
      description,
      couponCode,
      giftValueCents: cents('gift value', 10_000),
      expectedTakeUp: takeUp,
    }),
    z.object({
      type: z.literal('financial'),
      description,
      couponCode,
      discount: z.discriminatedUnion(
        'kind',
        [
          z.object({
            kind: z.literal('percent'),
            rate: z
              .number({ error: 'Enter the discount as a share, e.g. 0.1 for 10 %' })
              .gt(0, { error: 'The discount must be above 0 %' })
              .max(1, { error: 'A discount cannot exceed 100 %' }),
          }),
          z.object({
            kind: z.literal('amount'),
            amountCents: cents('discount', 10_000).refine((v) => v > 0, {
              error: 'The discount must be above 0 €',
            }),
          }),
        ],
        { error: 'Choose a discount in percent or in euros' },
      ),
      expectedTakeUp: takeUp,
    }),
  ],
  { error: 'Choose an offer type: emotional, material or financial' },
);
export type OfferInput = z.input<typeof offerSchema>;
export type Offer = z.output<typeof offerSchema>;

/** What the incentive costs each time it is taken, in cents (exact: a percentage of the order value). */
export function incentiveValueCents(offer: Offer, averageOrderValueCents: number): number {
  switch (offer.type) {
    case 'emotional':
      return offer.costPerTakerCents;
    case 'material':
      return offer.giftValueCents;
    case 'financial': {
      const discount = offer.discount;
      switch (discount.kind) {
        case 'percent':
          return discount.rate * averageOrderValueCents;
        case 'amount':
          return discount.amountCents;
        default:
          return assertNever(discount, 'discount');
      }
    }
    default:
      return assertNever(offer, 'offer');
  }
}

/** The discount as a share of the average order, or null when it is not a financial offer (or no order value). */
export function discountShare(offer: Offer, averageOrderValueCents: number | undefined): number | null {
  if (offer.type !== 'financial') return null;
  switch (offer.discount.kind) {
    case 'percent':
      return offer.discount.rate;
    case 'amount':
      return averageOrderValueCents ? offer.discount.amountCents / averageOrderValueCents : null;
    default:
      return assertNever(offer.discount, 'discount');
  }
}

export type OfferWarning =
  | { code: 'discount_addiction'; message: string; discountShare: number; threshold: number }
  | { code: 'recently_discounted'; message: string; contacts: number; days: number }
  | { code: 'incentive_exceeds_margin'; message: string; incentiveCents: number; marginPerSaleCents: number };

export const offerContextSchema = z.object({
  averageOrderValueCents: cents('average order value', 1_000_000).optional(),
  /** gross margin on revenue, 0..1 */
  marginRate: shareOf('margin rate').optional(),
  /** warn above this discount share; 15 % by default */
  discountThreshold: shareOf('discount threshold').default(DEFAULT_DISCOUNT_WARNING_THRESHOLD),
  /** how many contacts of the audience already got a discount in the last `recentDays` days (from the API) */
  recentlyDiscountedContacts: z.number().int().nonnegative().default(0),
  recentDays: z.number().int().positive().default(90),
});
export type OfferContext = z.input<typeof offerContextSchema>;

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

/**
 * Warnings on an offer: a financial discount above the threshold ("a customer used to 10 % off never goes
 * back", DOMAIN.md §1.5), contacts who already got a discount recently, and an incentive that costs more than
 * the margin of the sale it brings.
 */
export function offerWarnings(offerInput: OfferInput, contextInput: OfferContext = {}): OfferWarning[] {
  const offer = parsePlanningInput(offerSchema, offerInput, 'offer');
  const context = parsePlanningInput(offerContextSchema, contextInput, 'offer context');
  const warnings: OfferWarning[] = [];
  const share = discountShare(offer, context.averageOrderValueCents);
  if (share !== null && share > context.discountThreshold) {
    warnings.push({
      code: 'discount_addiction',
      message: `A ${pct(share)} discount is above the ${pct(context.discountThreshold)} threshold: customers who get used to discounts stop buying at full price. Prefer a gift, a service or a smaller discount.`,
      discountShare: share,
      threshold: context.discountThreshold,
    });
  }
  if (offer.type === 'financial' && context.recentlyDiscountedContacts > 0) {
    warnings.push({
      code: 'recently_discounted',
      message: `${context.recentlyDiscountedContacts} contacts of this audience already got a discount in the last ${context.recentDays} days.`,
      contacts: context.recentlyDiscountedContacts,
      days: context.recentDays,
    });
  }
  if (context.averageOrderValueCents !== undefined && context.marginRate !== undefined) {
    const incentive = incentiveValueCents(offer, context.averageOrderValueCents);
    const marginPerSale = context.averageOrderValueCents * context.marginRate;
    if (incentive > marginPerSale) {
      warnings.push({
        code: 'incentive_exceeds_margin',
        message: `The incentive (${(incentive / 100).toFixed(2)} €) costs more than the margin of an average sale (${(marginPerSale / 100).toFixed(2)} €).`,
        incentiveCents: incentive,
        marginPerSaleCents: marginPerSale,
      });
    }
  }
  return warnings;
}
