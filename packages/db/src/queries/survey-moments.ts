import { CANCELLATION_PATTERN } from '@relance/domain/callbacks/cancellation';
import type { WaveTrigger } from '@relance/domain/surveys/survey-waves';
import { assertNever } from '@relance/domain/vocabulary';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';

/** How many days back the daily job looks, so that a day it did not run is caught up (invitations are idempotent). */
export const CATCH_UP_DAYS = 7;

/**
 * The contacts a moment falls on between `today - CATCH_UP_DAYS` and `today` (Europe/Paris days), with the
 * occasion that makes the invitation unique:
 * - after_first_order: the first order's day + N months, then (thenYearly) each anniversary of that day;
 * - complaint_closed: a complaint closed N days before;
 * - became_former: entered the former-customer file (the lost-customer barometer);
 * - cancellation: asked to cancel or said they leave, in the interaction log (callbacks/cancellation.ts).
 */
function dueContacts(trigger: WaveTrigger, today: string): SQL {
  const from = sql`(${today}::date - ${CATCH_UP_DAYS}::int)`;
  const to = sql`${today}::date`;
  switch (trigger.moment) {
    case 'after_first_order': {
      const anchor = sql`(f.first_day + make_interval(months => ${trigger.months}::int))::date`;
      // the k-th anniversary of the anchor that falls in the window (k = 0 is the anchor itself)
      const due = trigger.thenYearly
        ? sql`(${anchor} + make_interval(years => greatest(0, extract(year FROM age(${to}, ${anchor}))::int)))::date`
        : anchor;
      return sql`
        SELECT f.contact_id, 'first_order:' || d.due AS occasion
          FROM (SELECT contact_id, min((ordered_at AT TIME ZONE 'Europe/Paris')::date) AS first_day
                  FROM orders GROUP BY contact_id) f
          CROSS JOIN LATERAL (SELECT ${due} AS due) d
         WHERE d.due BETWEEN ${from} AND ${to}`;
    }
    case 'complaint_closed':
      return sql`
        SELECT i.contact_id, 'complaint:' || i.id AS occasion
          FROM interactions i
         WHERE i.kind = 'complaint' AND i.closed_at IS NOT NULL
           AND ((i.closed_at AT TIME ZONE 'Europe/Paris')::date + ${trigger.daysAfter}::int) BETWEEN ${from} AND ${to}`;
    case 'became_former':
      return sql`
        SELECT f.contact_id, 'former:' || f.id AS occasion
          FROM former_customers f
         WHERE (f.entered_at AT TIME ZONE 'Europe/Paris')::date BETWEEN ${from} AND ${to}`;
    case 'cancellation':
      return sql`
        SELECT i.contact_id, 'cancellation:' || i.id AS occasion
          FROM interactions i
         WHERE i.kind <> 'call'
           AND (i.occurred_at AT TIME ZONE 'Europe/Paris')::date BETWEEN ${from} AND ${to}
           AND (coalesce(i.subject, '') || ' ' || coalesce(i.body, '')) ~* ${CANCELLATION_PATTERN}`;
    default:
      return assertNever(trigger, 'wave trigger');
  }
}

export interface MomentInvitations {
  waveId: string;
  trigger: WaveTrigger;
  /** the wave's invitation campaign (a template the worker copies for email or SMS delivery) */
  templateCampaignId: string | null;
  /** invitations written now (none again for an occasion already invited) */
  invited: { invitationId: number; contactId: number; token: string }[];
}

/**
 * Writes today's invitations of every open moment wave, set-based and idempotent (UNIQUE wave, contact,
 * occasion): a job run twice, or catching up a missed day, invites each contact once per occasion. Contacts
 * who cannot be reached at all (erased) are not there; consent and suppression are the delivery's business.
 */
export async function inviteForMoments(db: Db, today: string): Promise<MomentInvitations[]> {
  const waves = await db.execute<{ id: string; trigger: WaveTrigger; campaign_id: string | null }>(sql`
    SELECT id, trigger, campaign_id FROM survey_waves
     WHERE source = 'moment' AND closed_at IS NULL AND opens_at <= now()
       AND (closes_at IS NULL OR closes_at > now())`);
  const out: MomentInvitations[] = [];
  for (const wave of waves) {
    const rows = await db.execute<{ id: string; contact_id: string; token: string }>(sql`
      INSERT INTO survey_invitations (wave_id, contact_id, token, channel, occasion)
      SELECT ${wave.id}::uuid, d.contact_id, replace(gen_random_uuid()::text, '-', ''),
             ${wave.trigger.deliverBy}::channel, d.occasion
        FROM (${dueContacts(wave.trigger, today)}) d
      ON CONFLICT (wave_id, contact_id, occasion) DO NOTHING
      RETURNING id, contact_id, token`);
    out.push({
      waveId: wave.id,
      trigger: wave.trigger,
      templateCampaignId: wave.campaign_id,
      invited: rows.map((r) => ({
        invitationId: Number(r.id),
        contactId: Number(r.contact_id),
        token: r.token,
      })),
    });
  }
  return out;
}
