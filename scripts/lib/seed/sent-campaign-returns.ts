import type { Faker } from '@faker-js/faker';
import type { SendEventInput } from '@relance/db/queries/send-events-apply';
import { dayReaching, defaultMilestoneCurve } from '@relance/domain/planning/milestones';
import type { Channel } from '@relance/domain/vocabulary';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A send that went out, as the returns are drawn for it. */
export interface SentLetterOrEmail {
  id: number;
  contactId: number;
  channel: Channel;
  variant: 'A' | 'B' | 'C';
  /** the wave's D+0 */
  dueAt: Date;
}

/** Each letter's chance of an answer by variant (B, the rewritten hook, does better: the test's point). */
const LETTER_RESPONSE = { A: 0.07, B: 0.1, C: 0.07 } as const;
const EMAIL = {
  bounced: 0.03,
  opened: 0.38,
  clickedIfOpened: 0.25,
  respondedIfClicked: 0.3,
  unsubscribed: 0.02,
};
const NPAI = 0.03;

/** The day after D+0 a response comes, drawn so that responses spread as the channel's milestone curve says. */
function responseDay(faker: Faker, channel: Channel): number {
  return dayReaching(defaultMilestoneCurve(channel), faker.number.float({ min: 0.001, max: 0.999 })) ?? 30;
}

/** A sale's amount in cents: around the plan's 120 € average basket, rounded to the euro. */
const saleCents = (faker: Faker) => 100 * faker.number.int({ min: 45, max: 240 });
const quoteCents = (faker: Faker) => 100 * faker.number.int({ min: 250, max: 900 });

/**
 * What came back from each send, drawn from the seed's random helper re-seeded per contact and step (so a contact
 * answers the same whatever the sample the test drew), in the shapes the real sources record them:
 * - letters: NPAI returns (source npai); answers by phone, then a quote and a sale through the follow-up; sales at
 *   the counter with the letter's code (redemption) or online (conversion); some lost; a second purchase for some;
 * - emails: delivered, bounced, opens and clicks (sendgrid, like its webhook), unsubscribes (the link), and the
 *   clickers who answered the same ways as a letter's.
 * Only what happened before `now` is kept (the rest has not come back yet).
 */
export function drawReturns(faker: Faker, sends: readonly SentLetterOrEmail[], now: Date): SendEventInput[] {
  const out: SendEventInput[] = [];
  for (const send of sends) {
    faker.seed([send.contactId, send.channel === 'postal' ? 1 : 2]);
    const at = (days: number) => new Date(send.dueAt.getTime() + days * DAY);
    const add = (
      kind: SendEventInput['kind'],
      source: SendEventInput['source'],
      when: Date,
      n = 0,
      amount?: number,
    ) =>
      out.push({
        sendId: send.id,
        kind,
        source,
        sourceId: `demo-${send.id}-${kind}-${n}`,
        occurredAt: when,
        amountCents: amount ?? null,
        detail: { demo: true },
      });
    let respondsAt: Date | null = null;
    if (send.channel === 'postal') {
      if (faker.number.float() < NPAI) {
        add('returned', 'npai', at(faker.number.float({ min: 4, max: 12 })));
        continue;
      }
      if (faker.number.float() < LETTER_RESPONSE[send.variant]) respondsAt = at(responseDay(faker, 'postal'));
    } else {
      const deliveredAt = new Date(send.dueAt.getTime() + faker.number.int({ min: 1, max: 40 }) * 60_000);
      if (faker.number.float() < EMAIL.bounced) {
        add('bounced', 'sendgrid', deliveredAt);
        continue;
      }
      add('delivered', 'sendgrid', deliveredAt);
      if (faker.number.float() < EMAIL.opened) {
        const openedAt = at(responseDay(faker, 'email'));
        add('opened', 'sendgrid', openedAt);
        if (faker.number.float() < 0.4)
          add('opened', 'sendgrid', new Date(openedAt.getTime() + 20 * HOUR), 1);
        if (faker.number.float() < EMAIL.clickedIfOpened) {
          const clickedAt = new Date(openedAt.getTime() + faker.number.int({ min: 1, max: 30 }) * 60_000);
          add('clicked', 'link', clickedAt);
          if (faker.number.float() < EMAIL.respondedIfClicked)
            respondsAt = new Date(clickedAt.getTime() + faker.number.float({ min: 0.1, max: 2 }) * DAY);
        }
      }
      if (!respondsAt && faker.number.float() < EMAIL.unsubscribed)
        add('unsubscribed', 'unsubscribe', at(faker.number.float({ min: 0.1, max: 3 })));
    }
    if (!respondsAt) continue;
    const later = (from: Date, min: number, max: number) =>
      new Date(from.getTime() + faker.number.float({ min, max }) * DAY);
    const outcome = faker.number.float();
    const again = faker.number.float() < 0.45;
    const directSource =
      send.channel === 'postal' && faker.number.float() < 0.6 ? 'redemption' : 'conversion';
    if (outcome < 0.4) {
      // bought at once: the code at the counter, or online
      add('sold', directSource, respondsAt, 0, saleCents(faker));
      if (again) add('sold', directSource, later(respondsAt, 5, 15), 1, saleCents(faker));
      continue;
    }
    add('responded', send.channel === 'postal' ? 'phone' : 'link', respondsAt);
    if (outcome < 0.8) {
      const quotedAt = later(respondsAt, 1, 3);
      const quote = quoteCents(faker);
      add('quoted', 'follow_up', quotedAt, 0, quote);
      if (outcome < 0.62) {
        const soldAt = later(quotedAt, 3, 10);
        add('sold', 'follow_up', soldAt, 0, quote);
        if (again) add('sold', 'conversion', later(soldAt, 5, 15), 1, saleCents(faker));
      }
    } else if (outcome >= 0.9) {
      add('lost', 'follow_up', later(respondsAt, 4, 10));
    }
  }
  return out.filter((e) => e.occurredAt! < now);
}
