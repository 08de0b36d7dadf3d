import { type AddressSource, CHANNEL_REACH } from '@relance/domain/segments/reachability';
import { assertNever, CHANNELS, type Channel } from '@relance/domain/vocabulary';
import { type SQL, sql } from 'drizzle-orm';
import { contacts } from '../schema/contacts';

const slugged = (value: SQL) =>
  sql`btrim(regexp_replace(relance_search_text(${value}), '[^a-z0-9]+', ' ', 'g'))`;

/**
 * A postal address as suppressions store it: "12 rue des lilas, 69003 lyon" (lower case, no accents, single
 * spaces; the seed's `postalKey` and NPAI returns write the same).
 */
export const postalKeySql = sql`(${slugged(sql`${contacts.addressLine1}`)} || ', ' || btrim(${contacts.postalCode}) || ' ' || ${slugged(sql`${contacts.city}`)})`;

const present = (value: SQL) => sql`nullif(btrim(${value}), '')`;

/** The address a channel reaches for a contact, NULL when it has none. */
export function addressSql(source: AddressSource): SQL {
  switch (source) {
    case 'email':
      return present(sql`${contacts.email}`);
    case 'mobile':
      return present(sql`${contacts.mobile}`);
    case 'phone_or_mobile':
      return sql`coalesce(${present(sql`${contacts.phone}`)}, ${present(sql`${contacts.mobile}`)})`;
    case 'postal_address':
      return sql`CASE WHEN ${present(sql`${contacts.addressLine1}`)} IS NOT NULL AND ${present(sql`${contacts.postalCode}`)} IS NOT NULL AND ${present(sql`${contacts.city}`)} IS NOT NULL THEN ${postalKeySql} END`;
    default:
      return assertNever(source, 'address source');
  }
}

/**
 * For each channel: the joins (its consent row, the suppression of its address; each at most one row per
 * contact) and the condition that the contact is reachable on it. Used as `count(*) FILTER (WHERE ...)`.
 */
export function reachabilitySql(): { joins: SQL; counts: SQL } {
  const joins: SQL[] = [];
  const counts: SQL[] = [];
  for (const channel of CHANNELS) {
    const rule = CHANNEL_REACH[channel];
    const consent = sql.identifier(`reach_consent_${channel}`);
    const suppression = sql.identifier(`reach_suppression_${channel}`);
    const address = addressSql(rule.address);
    joins.push(
      sql`LEFT JOIN consents ${consent} ON ${consent}.contact_id = ${contacts.id} AND ${consent}.channel = ${channel}::channel`,
      sql`LEFT JOIN suppressions ${suppression} ON ${suppression}.channel = ${channel}::channel AND ${suppression}.address = ${address}`,
    );
    const consentOk =
      rule.consent === 'opt_in'
        ? sql`${consent}.status = 'opt_in'`
        : sql`${consent}.status IS DISTINCT FROM 'opt_out'`;
    counts.push(
      sql`count(*) FILTER (WHERE ${address} IS NOT NULL AND ${consentOk} AND ${suppression}.id IS NULL)::int AS ${sql.identifier(channel)}`,
    );
  }
  return { joins: sql.join(joins, sql` `), counts: sql.join(counts, sql`, `) };
}

export type Reachable = Record<Channel, number>;
