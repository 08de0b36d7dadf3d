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

/** Whether the contact has an address for the channel: cheaper than the address itself (no postal key). */
function hasAddressSql(source: AddressSource): SQL {
  switch (source) {
    case 'postal_address':
      return sql`(${present(sql`${contacts.addressLine1}`)} IS NOT NULL AND ${present(sql`${contacts.postalCode}`)} IS NOT NULL AND ${present(sql`${contacts.city}`)} IS NOT NULL)`;
    case 'email':
    case 'mobile':
    case 'phone_or_mobile':
      return sql`${addressSql(source)} IS NOT NULL`;
    default:
      return assertNever(source, 'address source');
  }
}

/**
 * The address to look up in the suppression list. A postal key costs a few microseconds to build (accents,
 * punctuation), so it is only built for contacts whose postal code has a suppressed address at all (a hashed
 * lookup in the list's own postal codes: "12 rue des lilas, 69003 lyon" → 69003).
 */
function suppressionProbeSql(source: AddressSource): SQL {
  if (source !== 'postal_address') return addressSql(source);
  return sql`CASE WHEN btrim(${contacts.postalCode}) IN (
      SELECT split_part(split_part(address, ', ', 2), ' ', 1) FROM suppressions WHERE channel = 'postal'
    ) THEN ${addressSql(source)} END`;
}

/**
 * The joins (every consent of the contact in one probe; the suppression of each channel's address, at most one
 * row each) and, per channel, the count of contacts it reaches: `count(*) FILTER (WHERE ...)`.
 */
export function reachabilitySql(): { joins: SQL; counts: SQL } {
  const consent = sql.identifier('reach_consent');
  const statuses = sql.join(
    CHANNELS.map(
      (channel) =>
        sql`max(c.status::text) FILTER (WHERE c.channel = ${channel}::channel) AS ${sql.identifier(channel)}`,
    ),
    sql`, `,
  );
  const joins: SQL[] = [
    sql`LEFT JOIN LATERAL (SELECT ${statuses} FROM consents c WHERE c.contact_id = ${contacts.id}) ${consent} ON true`,
  ];
  const counts: SQL[] = [];
  for (const channel of CHANNELS) {
    const rule = CHANNEL_REACH[channel];
    const status = sql`${consent}.${sql.identifier(channel)}`;
    const suppression = sql.identifier(`reach_suppression_${channel}`);
    joins.push(
      sql`LEFT JOIN suppressions ${suppression} ON ${suppression}.channel = ${channel}::channel AND ${suppression}.address = ${suppressionProbeSql(rule.address)}`,
    );
    const consentOk =
      rule.consent === 'opt_in' ? sql`${status} = 'opt_in'` : sql`${status} IS DISTINCT FROM 'opt_out'`;
    counts.push(
      sql`count(*) FILTER (WHERE ${hasAddressSql(rule.address)} AND ${consentOk} AND ${suppression}.id IS NULL)::int AS ${sql.identifier(channel)}`,
    );
  }
  return { joins: sql.join(joins, sql` `), counts: sql.join(counts, sql`, `) };
}

export type Reachable = Record<Channel, number>;
