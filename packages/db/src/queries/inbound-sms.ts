import { sql } from 'drizzle-orm';
import type { Db } from '../client';

const text = (values: readonly (string | null)[]) => sql`${sql.param(values)}::text[]`;

/**
 * The latest SMS sent to each of these numbers (E.164, as `sends.address` keeps them), found through the contacts
 * that have the number as their mobile (an index) and their sends (another): the send a reply, a STOP or a START
 * answers. A number no sent SMS went to is left out.
 */
export async function latestSmsSends(db: Db, numbers: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (numbers.length === 0) return found;
  const rows = await db.execute<{ number: string; send_id: string }>(sql`
    SELECT DISTINCT ON (v.number) v.number, s.id AS send_id
      FROM unnest(${text([...new Set(numbers)])}) AS v(number)
      JOIN contacts c ON c.mobile = v.number
      JOIN sends s ON s.contact_id = c.id AND s.channel = 'sms' AND s.address = v.number
                  AND s.status IN ('sent', 'unknown')
     ORDER BY v.number, s.id DESC`);
  for (const r of rows) found.set(r.number, Number(r.send_id));
  return found;
}

/** A STOP or a START from a number, with the message that said it (its proof). */
export interface NumberConsentChange {
  number: string;
  status: 'opt_out' | 'opt_in';
  messageSid: string;
  at: Date;
}

/**
 * A STOP or START applied to the number itself, set-based: a STOP puts it on the SMS suppression list (whoever has
 * it) and withdraws the SMS consent of every contact whose mobile it is; a START lifts the number's STOP (no other
 * suppression) and records their opt-in. Each change is kept in consent_events with the message as its source.
 * For a number no sent SMS matches, and for a STOP that its send's event did not apply (a STOP, START, STOP on the
 * same send). Answers the contacts changed.
 */
export async function applyNumberConsent(db: Db, changes: readonly NumberConsentChange[]): Promise<number> {
  if (changes.length === 0) return 0;
  return db.transaction(async (tx) => {
    const stops = changes.filter((c) => c.status === 'opt_out');
    const starts = changes.filter((c) => c.status === 'opt_in');
    if (stops.length > 0) {
      await tx.execute(sql`
        INSERT INTO suppressions (channel, address, reason, source, contact_id)
        SELECT DISTINCT ON (v.number) 'sms', v.number, 'stop', 'sms-inbound',
               (SELECT c.id FROM contacts c WHERE c.mobile = v.number ORDER BY c.id LIMIT 1)
          FROM unnest(${text(stops.map((c) => c.number))}) AS v(number)
         ORDER BY v.number
        ON CONFLICT (channel, address) DO NOTHING`);
    }
    if (starts.length > 0) {
      await tx.execute(sql`
        DELETE FROM suppressions s USING unnest(${text(starts.map((c) => c.number))}) AS v(number)
         WHERE s.channel = 'sms' AND s.address = v.number AND s.reason = 'stop'`);
    }
    const rows = await tx.execute<{ contact_id: string }>(sql`
      WITH v AS (
        SELECT DISTINCT ON (c.id) c.id AS contact_id, u.status, u.source, u.at
          FROM unnest(${text(changes.map((c) => c.number))}, ${text(changes.map((c) => c.status))}::consent_status[],
                      ${text(changes.map((c) => `${c.status === 'opt_out' ? 'stop' : 'start'}:sms:${c.messageSid}`))},
                      ${text(changes.map((c) => c.at.toISOString()))}::timestamptz[]) AS u(number, status, source, at)
          JOIN contacts c ON c.mobile = u.number
         ORDER BY c.id, u.at DESC
      ), proof AS (
        INSERT INTO consent_events (contact_id, channel, status, source, recorded_at)
        SELECT contact_id, 'sms', status, source, at FROM v
      )
      INSERT INTO consents (contact_id, channel, status, source, recorded_at)
      SELECT contact_id, 'sms', status, source, at FROM v ORDER BY contact_id
      ON CONFLICT (contact_id, channel) DO UPDATE
        SET status = excluded.status, source = excluded.source, recorded_at = excluded.recorded_at,
            legal_basis = CASE WHEN excluded.status = 'opt_in' THEN 'consent'::legal_basis ELSE consents.legal_basis END
        WHERE consents.recorded_at <= excluded.recorded_at
      RETURNING contact_id`);
    return rows.length;
  });
}
