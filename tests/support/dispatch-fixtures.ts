import type { Db, Sql } from '@relance/db/client';
import { createCampaign, type StoredCampaign } from '@relance/db/queries/campaigns';
import { type CampaignInput, campaignInputSchema } from '@relance/domain/planning/campaign-input';
import type { SendWindowInput } from '@relance/domain/planning/send-window';

/**
 * `n` contacts whose reachability is known from their number i (1..n):
 * - email `c<i>@exemple.fr`, except every 20th (no email);
 * - email opt-in, except i % 10 = 1 (no consent recorded);
 * - every 25th email suppressed (unsubscribed) — unless it has no email (i % 100 = 0);
 * - a mobile for i % 3 ≠ 0, SMS and voice opt-in for i % 5 ≠ 0;
 * - a full postal address for i % 4 ≠ 0;
 * - tag `spring` for even i.
 * Set-based: a million contacts take seconds.
 */
export async function seedDispatchContacts(sql: Sql, n: number, offset = 0): Promise<void> {
  await sql`
    INSERT INTO contacts (external_id, kind, civility, first_name, last_name, email, mobile, address_line1, postal_code, city, tags)
    SELECT 'd' || i, 'person', CASE WHEN i % 2 = 0 THEN 'Mme' ELSE 'M.' END, 'Prénom' || i, 'Nom' || i,
           CASE WHEN i % 20 <> 0 THEN 'c' || i || '@exemple.fr' END,
           CASE WHEN i % 3 <> 0 THEN '+336' || lpad(i::text, 8, '0') END,
           CASE WHEN i % 4 <> 0 THEN i || ' rue des Lilas' END,
           CASE WHEN i % 4 <> 0 THEN '69003' END,
           CASE WHEN i % 4 <> 0 THEN 'Lyon' END,
           CASE WHEN i % 2 = 0 THEN ARRAY['spring'] ELSE ARRAY[]::text[] END
      FROM generate_series(${offset + 1}::int, ${offset + n}::int) i`;
  await sql`
    INSERT INTO consents (contact_id, channel, status, legal_basis, source)
    SELECT c.id, ch.channel::channel, 'opt_in', 'consent', 'test'
      FROM contacts c CROSS JOIN (VALUES ('email'), ('sms'), ('voice')) ch(channel)
      CROSS JOIN LATERAL (SELECT substr(c.external_id, 2)::int AS i) k
     WHERE c.external_id LIKE 'd%' AND k.i BETWEEN ${offset + 1} AND ${offset + n}
       AND CASE ch.channel WHEN 'email' THEN k.i % 10 <> 1 ELSE k.i % 5 <> 0 END
    ON CONFLICT DO NOTHING`;
  await sql`
    INSERT INTO suppressions (channel, address, reason, source, contact_id)
    SELECT 'email', c.email, 'unsubscribed', 'test', c.id
      FROM contacts c CROSS JOIN LATERAL (SELECT substr(c.external_id, 2)::int AS i) k
     WHERE c.external_id LIKE 'd%' AND k.i BETWEEN ${offset + 1} AND ${offset + n}
       AND k.i % 25 = 0 AND c.email IS NOT NULL
    ON CONFLICT DO NOTHING`;
}

/** The skip reason the fixture gives contact number i on email (null: sendable). */
export function emailReasonOf(i: number): string | null {
  if (i % 20 === 0) return 'no_address';
  if (i % 25 === 0) return 'suppressed';
  if (i % 10 === 1) return 'no_consent';
  return null;
}

const MJML = (title: string) =>
  `<mjml><mj-body><mj-section><mj-column><mj-text>${title} {{firstName|Bonjour}} — code {{trackingCode}} — offre {{couponCode|aucune}}</mj-text><mj-text><a href="{{unsubscribeUrl}}">Se désinscrire</a></mj-text></mj-column></mj-section></mj-body></mjml>`;

export const emailContent = (title = 'Bonjour') => ({ subject: `${title} {{firstName}}`, mjml: MJML(title) });
export const smsContent = (text = 'Relance: -20% avec le code {{trackingCode}}') => ({
  senderName: 'RELANCE',
  text: `${text} STOP 36111`,
});

/** An email campaign: A/B test on the message, then an SMS to the non-responders at D+3. */
export function abEmailPlan(overrides: Partial<CampaignInput> = {}): CampaignInput {
  return {
    name: 'Dispatch test',
    kind: 'win_back',
    objective: 'sale',
    averageOrderValueCents: 10_000,
    marginRate: 0.3,
    testPlan: { sample: { mode: 'absolute', size: 300 }, winnerMetric: 'response_rate', rollout: 'manual' },
    steps: [
      {
        channel: 'email',
        offsetDays: 0,
        content: emailContent('Bonjour'),
        variants: [{ differsOn: 'message', content: emailContent('Salut') }],
        sendWindow: alwaysOpen,
      },
      {
        channel: 'sms',
        offsetDays: 3,
        target: { type: 'non_responders' },
        content: smsContent(),
        sendWindow: alwaysOpen,
      },
    ],
    ...overrides,
  } as CampaignInput;
}

/** A window open every day, all day, holidays included: tests decide the time themselves. */
export const alwaysOpen: SendWindowInput = {
  timeZone: 'Europe/Paris',
  days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  hours: [{ from: '00:00', to: '24:00' }],
  closedOnPublicHolidays: false,
};

export async function createPlannedCampaign(db: Db, input: CampaignInput): Promise<StoredCampaign> {
  return createCampaign(db, { plan: campaignInputSchema.parse(input), ownerId: null });
}
