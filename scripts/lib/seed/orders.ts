import type { Faker } from '@faker-js/faker';
import type { orders } from '@relance/db/schema/orders';
import { assertNever } from '@relance/domain/vocabulary';
import type { Profile } from './contacts';
import type { SeededContact } from './customers';
import { daysBefore } from './random';

export type OrderRow = typeof orders.$inferInsert;

const HISTORY_DAYS = 3 * 365;

interface Pattern {
  /** days between orders, on average */
  interval: number;
  /** first order, in days before now */
  firstDaysAgo: [number, number];
  /** no order after this many days before now */
  stopDaysAgo: [number, number];
  /** spend multiplier during the last year (declining customers halve) */
  lastYearFactor: number;
}

const PATTERNS: Record<Exclude<Profile, 'prospect' | 'occasional'>, Pattern> = {
  loyal: { interval: 55, firstDaysAgo: [700, HISTORY_DAYS], stopDaysAgo: [2, 45], lastYearFactor: 1.05 },
  regular: { interval: 130, firstDaysAgo: [400, HISTORY_DAYS], stopDaysAgo: [10, 200], lastYearFactor: 1 },
  declining: { interval: 60, firstDaysAgo: [800, HISTORY_DAYS], stopDaysAgo: [10, 120], lastYearFactor: 0.5 },
  lapsed: { interval: 70, firstDaysAgo: [800, HISTORY_DAYS], stopDaysAgo: [370, 760], lastYearFactor: 1 },
};

function source(faker: Faker, kind: 'person' | 'company'): string {
  if (kind === 'company') {
    return faker.helpers.weightedArrayElement([
      { weight: 50, value: 'sales-rep' },
      { weight: 30, value: 'phone' },
      { weight: 20, value: 'web' },
    ]);
  }
  return faker.helpers.weightedArrayElement([
    { weight: 45, value: 'web' },
    { weight: 30, value: 'store' },
    { weight: 10, value: 'phone' },
    { weight: 8, value: 'catalogue' },
    { weight: 7, value: 'affiliate' },
  ]);
}

function order(
  faker: Faker,
  contact: SeededContact,
  orderedAt: Date,
  amountCents: number,
  flags: { promo: number; voucher: number; source?: string },
): OrderRow {
  const amount = Math.max(500, Math.round(amountCents));
  return {
    contactId: contact.id,
    orderedAt,
    amountCents: amount,
    marginCents: Math.round(amount * faker.number.float({ min: 0.18, max: 0.45 })),
    promo: faker.datatype.boolean({ probability: flags.promo }),
    voucher: faker.datatype.boolean({ probability: flags.voucher }),
    source: flags.source ?? source(faker, contact.kind),
  };
}

/**
 * Three years of orders with recognisable shapes: loyal customers ordering every couple of months up to
 * now, regular ones less often, declining ones whose spend halves over the last year, lapsed ones with no
 * order for 12 to 25 months, and one-order occasional buyers (promo, voucher, affiliate).
 */
export function generateOrders(faker: Faker, customers: SeededContact[], now: Date): OrderRow[] {
  const rows: OrderRow[] = [];
  for (const contact of customers) {
    const profile = contact.profile;
    const b2b = contact.kind === 'company';
    const basket = b2b
      ? faker.number.int({ min: 60_000, max: 600_000 })
      : faker.number.int({ min: 3_500, max: 18_000 });
    switch (profile) {
      case 'prospect':
        break;
      case 'occasional': {
        const viaAffiliate = faker.datatype.boolean({ probability: 0.35 });
        rows.push(
          order(
            faker,
            contact,
            daysBefore(now, faker.number.float({ min: 20, max: HISTORY_DAYS })),
            basket * 0.8,
            {
              promo: 0.5,
              voucher: 0.3,
              source: viaAffiliate ? 'affiliate' : undefined,
            },
          ),
        );
        break;
      }
      case 'loyal':
      case 'regular':
      case 'declining':
      case 'lapsed': {
        const p = PATTERNS[profile];
        const interval = b2b ? p.interval * 0.6 : p.interval;
        let daysAgo = faker.number.float({ min: p.firstDaysAgo[0], max: p.firstDaysAgo[1] });
        const stop = faker.number.float({ min: p.stopDaysAgo[0], max: p.stopDaysAgo[1] });
        let placed = 0;
        for (;;) {
          const lastYear = daysAgo < 365;
          const factor = lastYear ? p.lastYearFactor : 1;
          const amount = basket * factor * faker.number.float({ min: 0.6, max: 1.5 });
          rows.push(order(faker, contact, daysBefore(now, daysAgo), amount, { promo: 0.08, voucher: 0.04 }));
          placed++;
          // declining customers also come back less often in their last year
          const gap =
            interval * faker.number.float({ min: 0.6, max: 1.4 }) * (lastYear && factor < 1 ? 1.5 : 1);
          const next = daysAgo - gap;
          if (next > stop) daysAgo = next;
          else if (placed < 2) daysAgo = stop;
          else break;
        }
        break;
      }
      default:
        assertNever(profile, 'profile');
    }
  }
  return rows;
}
