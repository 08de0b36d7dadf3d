import { CHANNEL_REACH } from '@relance/domain/segments/reachability';
import { TRACKING_CODE_ALPHABET, TRACKING_CODE_RANDOM_LENGTH } from '@relance/domain/tracking-code';
import type { Channel } from '@relance/domain/vocabulary';
import { type SQL, sql } from 'drizzle-orm';
import { contacts } from '../schema/contacts';
import { addressSql } from './segment-reachability';

const BASE = TRACKING_CODE_ALPHABET.length;

/**
 * 60 random bits as a non-negative bigint, from PostgreSQL's strong random source: the last 8 bytes of a v4 UUID
 * (their first 2 bits are its variant, always 10: the mask keeps the low 60 bits). Read as bytes (uuid_send), not
 * through the UUID's text: four times cheaper, a few CPU-seconds of a million-send wave; and in one expression, so
 * that a code's nine digits read a column instead of each taking the bits out again. Volatile: written in a
 * subquery's select list, it is drawn once per row.
 */
export const RANDOM_BITS_SQL = sql.raw(
  `(('x' || encode(substring(uuid_send(gen_random_uuid()) FROM 9 FOR 8), 'hex'))::bit(64)::bigint & 1152921504606846975::bigint)`,
);

/**
 * A tracking code (domain/tracking-code.ts: 9 characters of the 31-character alphabet and the mod-31 check
 * character) from `bitsColumn`, a RANDOM_BITS_SQL column: the base-31 digits of its 60 random bits are the 9
 * characters (2^60 / 31^9 ≈ 43,600, so no character is more likely than another by more than 1 in 43,600), and the
 * check character makes the weighted sum ≡ 0 (mod 31), computed as trackingCheckCharacter does. Set-based: no round
 * trip per code.
 */
export function trackingCodeSql(bitsColumn: string): SQL {
  if (!/^[a-z_][a-z0-9_.]*$/.test(bitsColumn)) throw new Error(`Not a column name: ${bitsColumn}`);
  const digit = (i: number) => `((${bitsColumn} / ${BASE ** i}::bigint) % ${BASE})`;
  const chars = Array.from(
    { length: TRACKING_CODE_RANDOM_LENGTH },
    (_, i) => `substr('${TRACKING_CODE_ALPHABET}', 1 + ${digit(i)}::int, 1)`,
  );
  const sum = Array.from({ length: TRACKING_CODE_RANDOM_LENGTH }, (_, i) => `${i + 1} * ${digit(i)}`).join(
    ' + ',
  );
  // 10·c ≡ -sum (mod 31) and 10⁻¹ ≡ 28 (mod 31), as in trackingCheckCharacter
  const check = `substr('${TRACKING_CODE_ALPHABET}', 1 + (((-(${sum}) * 28) % ${BASE} + ${BASE}) % ${BASE})::int, 1)`;
  // constants only (the alphabet, the column name checked above): nothing of the user's goes in raw
  return sql.raw(`(${[...chars, check].join(' || ')})`);
}

/**
 * Whether `contacts` (the row in scope) can be sent to on `channel` now, as a skip reason (NULL: sendable), and
 * the address it would go to. Order of the reasons: no address, then a suppressed address, then the consent
 * the channel needs (opt-in for email, SMS and voice; not opted out for postal mail and calls).
 */
export function reachSql(channel: Channel): { joins: SQL; skipReason: SQL; address: SQL } {
  const rule = CHANNEL_REACH[channel];
  const address = addressSql(rule.address);
  const joins = sql`LEFT JOIN consents dispatch_consent ON dispatch_consent.contact_id = ${contacts.id} AND dispatch_consent.channel = ${channel}::channel
    LEFT JOIN suppressions dispatch_suppression ON dispatch_suppression.channel = ${channel}::channel AND dispatch_suppression.address = ${address}`;
  const noConsent =
    rule.consent === 'opt_in'
      ? sql`dispatch_consent.status IS DISTINCT FROM 'opt_in'`
      : sql`dispatch_consent.status = 'opt_out'`;
  const skipReason = sql`(CASE WHEN ${address} IS NULL THEN 'no_address' WHEN dispatch_suppression.id IS NOT NULL THEN 'suppressed' WHEN ${noConsent} THEN 'no_consent' END)::send_skip_reason`;
  return { joins, skipReason, address };
}
