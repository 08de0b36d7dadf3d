import { z } from 'zod';
import type { Channel } from '../vocabulary';
import { postageBandSchema, returnsSchema, shareOf, unitCostsSchema } from './costs';
import {
  type ChannelRates,
  DEFAULT_DISCOUNT_WARNING_THRESHOLD,
  DEFAULT_POSTAGE_TABLE,
  defaultRates,
  defaultReturns,
  defaultUnitCosts,
  type UnitCostsOf,
} from './defaults';

/**
 * The workspace's planning defaults, kept in the settings and edited by admins and managers: unit costs per
 * channel, the postage table, the handling of returns, the expected response and conversion rates per channel
 * (replace the built-in ones with those of past campaigns), and when an offer gets a warning (a financial
 * discount above a threshold, contacts already discounted in the last N days). A new campaign step takes its
 * channel's costs and rates from here when it leaves them out; what a step says is kept with the campaign, so
 * changing the defaults never changes a saved plan (the postage table excepted: it is the tariff in force).
 *
 * Unit costs are stored without their `channel` (the key says it) so that what GET answers can be sent back
 * as is by PUT; `unitCostsFor` gives them back with it. A key left out takes the built-in default.
 */

/** How many days back a discount counts as recent (DOMAIN.md §1.5: "discounts must not be abused"). */
export const DEFAULT_RECENT_DISCOUNT_DAYS = 90;

// the options of the unit costs' discriminated union, in its order, each without its `channel` literal
const [postalUnit, smsUnit, voiceUnit, emailUnit, phoneUnit] = unitCostsSchema.options;
function withoutChannel<T extends { channel: Channel }>(unit: T): Omit<T, 'channel'> {
  const { channel: _channel, ...rest } = unit;
  return rest;
}

const rates = (channel: Channel) =>
  z
    .object({
      responseRate: shareOf('expected response rate'),
      conversionRate: shareOf('expected conversion rate'),
    })
    .default(() => defaultRates(channel));

const perChannel = <T extends z.ZodType>(make: (channel: Channel) => T) =>
  z.object({
    postal: make('postal'),
    email: make('email'),
    sms: make('sms'),
    voice: make('voice'),
    phone: make('phone'),
  } satisfies Record<Channel, T>);

const postageTableSchema = z
  .array(postageBandSchema, { error: 'Give the postage table as a list of bands' })
  .min(1, { error: 'The postage table needs at least one band' })
  .max(50, { error: 'At most 50 postage bands' })
  .superRefine((bands, ctx) => {
    const seen = new Set<string>();
    bands.forEach((band, i) => {
      const key = `${band.format} ${band.maxWeightGrams}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'maxWeightGrams'],
          message: `Two ${band.format} bands up to ${band.maxWeightGrams} g: keep one`,
        });
      }
      seen.add(key);
    });
  });

export const planningSettingsSchema = z
  .object({
    unitCosts: z
      .object({
        postal: postalUnit.omit({ channel: true }).default(() => withoutChannel(defaultUnitCosts('postal'))),
        sms: smsUnit.omit({ channel: true }).default(() => withoutChannel(defaultUnitCosts('sms'))),
        voice: voiceUnit.omit({ channel: true }).default(() => withoutChannel(defaultUnitCosts('voice'))),
        email: emailUnit.omit({ channel: true }).default(() => withoutChannel(defaultUnitCosts('email'))),
        phone: phoneUnit.omit({ channel: true }).default(() => withoutChannel(defaultUnitCosts('phone'))),
      })
      .prefault({}),
    postageTable: postageTableSchema.default(() => DEFAULT_POSTAGE_TABLE.map((band) => ({ ...band }))),
    returns: perChannel((channel) => returnsSchema.default(() => defaultReturns(channel))).prefault({}),
    rates: perChannel(rates).prefault({}),
    /** warn when a financial discount is above this share of the average order */
    discountWarningThreshold: z
      .number({ error: 'Enter the discount threshold as a share between 0 and 1' })
      .gt(0, { error: 'The discount threshold must be above 0 %' })
      .max(1, { error: 'The discount threshold cannot exceed 100 %' })
      .default(DEFAULT_DISCOUNT_WARNING_THRESHOLD),
    /** warn when contacts of the audience got a discount in the last N days */
    recentDiscountDays: z
      .number({ error: 'Enter the number of days' })
      .int({ error: 'The number of days is a whole number' })
      .min(1, { error: 'At least 1 day' })
      .max(730, { error: 'At most 730 days (two years)' })
      .default(DEFAULT_RECENT_DISCOUNT_DAYS),
  })
  .superRefine((s, ctx) => {
    // the default letter must have a postage rate, or every new postal step would be refused
    const { format, weightGrams } = s.unitCosts.postal;
    const fits = s.postageTable.some((b) => b.format === format && b.maxWeightGrams >= weightGrams);
    if (!fits) {
      ctx.addIssue({
        code: 'custom',
        path: ['unitCosts', 'postal', 'weightGrams'],
        message: `No ${format} band of the postage table takes a ${weightGrams} g letter: add a band or lower the weight`,
      });
    }
  });
export type PlanningSettingsInput = z.input<typeof planningSettingsSchema>;
export type PlanningSettings = z.output<typeof planningSettingsSchema>;

/** The built-in French defaults (defaults.ts) as settings. */
export function builtInPlanningSettings(): PlanningSettings {
  return planningSettingsSchema.parse({});
}

/** A fresh copy of the channel's unit costs from the settings, with its `channel`. */
export function unitCostsFor<C extends Channel>(settings: PlanningSettings, channel: C): UnitCostsOf<C> {
  // the settings' key is the channel: the object under it has exactly that channel's fields
  return { ...settings.unitCosts[channel], channel } as unknown as UnitCostsOf<C>;
}

export function ratesFor(settings: PlanningSettings, channel: Channel): ChannelRates {
  return { ...settings.rates[channel] };
}

export function returnsFor(settings: PlanningSettings, channel: Channel) {
  return { ...settings.returns[channel] };
}
