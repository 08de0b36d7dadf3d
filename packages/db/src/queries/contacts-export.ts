import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Sql } from '../client';
import { type ContactFilters, contactFilterSql } from './contacts-list';

export const EXPORT_COLUMNS = [
  'id',
  'external_id',
  'kind',
  'civility',
  'first_name',
  'last_name',
  'company_name',
  'job_title',
  'email',
  'mobile',
  'phone',
  'address_line1',
  'address_line2',
  'postal_code',
  'city',
  'country',
  'tags',
  'consent_email',
  'consent_sms',
  'consent_voice',
  'consent_postal',
  'consent_phone',
  'created_at',
  'updated_at',
] as const;

const dialect = new PgDialect();

/**
 * Streams the contacts matching the filters, 2,000 rows at a time through a server-side cursor:
 * the export of a million contacts never holds them in memory.
 */
export async function* exportContacts(
  client: Sql,
  filters: ContactFilters,
): AsyncGenerator<Record<string, unknown>[]> {
  const query = dialect.sqlToQuery(sql`
    SELECT contacts.id, external_id, kind, civility, first_name, last_name, company_name, job_title, email,
           mobile, phone, address_line1, address_line2, postal_code, city, country,
           array_to_string(tags, '|') AS tags,
           (SELECT jsonb_object_agg(s.channel, s.status) FROM consents s WHERE s.contact_id = contacts.id) AS consents,
           created_at, updated_at
      FROM contacts
     WHERE ${contactFilterSql(filters) ?? sql`true`}
     ORDER BY contacts.id`);
  for await (const rows of client.unsafe(query.sql, query.params as never[]).cursor(2000)) {
    yield rows.map(({ consents, ...row }) => {
      const c = (consents ?? {}) as Record<string, string>;
      return {
        ...row,
        consent_email: c.email ?? 'unknown',
        consent_sms: c.sms ?? 'unknown',
        consent_voice: c.voice ?? 'unknown',
        consent_postal: c.postal ?? 'unknown',
        consent_phone: c.phone ?? 'unknown',
      };
    });
  }
}
