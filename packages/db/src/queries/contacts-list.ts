import { normalisePhone } from '@relance/domain/phone';
import type { Channel, ConsentStatus, ContactKind } from '@relance/domain/vocabulary';
import { and, asc, desc, eq, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { consents, contacts } from '../schema/contacts';

export interface ContactFilters {
  q?: string;
  kind?: ContactKind;
  tag?: string;
  city?: string;
  /** a prefix: "75" finds Paris */
  postalCode?: string;
  consentChannel?: Channel;
  consentStatus?: ConsentStatus;
}

export type ContactSort = 'name' | 'updated' | 'created';

export const contactSummaryColumns = {
  id: contacts.id,
  kind: contacts.kind,
  civility: contacts.civility,
  firstName: contacts.firstName,
  lastName: contacts.lastName,
  companyName: contacts.companyName,
  email: contacts.email,
  mobile: contacts.mobile,
  phone: contacts.phone,
  postalCode: contacts.postalCode,
  city: contacts.city,
  tags: contacts.tags,
  updatedAt: contacts.updatedAt,
};

/** Escapes LIKE's wildcards so that a user's `%` or `_` is searched for literally. */
const likeEscape = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The WHERE clause for `q`: every word must appear (the trigram index on search_text serves LIKE '%word%'),
 * or, when `q` is a phone number in any format, that number in E.164, or when it is a whole email, that email. */
export function searchSql(q: string | undefined): SQL | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  const asPhone = /^[+\d][\d\s.\-()]{5,}$/.test(text) ? normalisePhone(text) : null;
  if (asPhone?.ok) return or(eq(contacts.mobile, asPhone.value), eq(contacts.phone, asPhone.value));
  // a whole email address: the unique index answers at once
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return eq(contacts.email, text.toLowerCase());
  return and(
    ...text
      .split(/\s+/)
      .slice(0, 8)
      .map((word) => like(contacts.searchText, sql`'%' || relance_search_text(${likeEscape(word)}) || '%'`)),
  );
}

/** The WHERE clause for a set of filters; shared by the list, the export and (later) segment counts. */
export function contactFilterSql(filters: ContactFilters): SQL | undefined {
  return and(searchSql(filters.q), attributeFilterSql(filters));
}

function attributeFilterSql(filters: ContactFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (filters.kind) conditions.push(eq(contacts.kind, filters.kind));
  if (filters.tag) conditions.push(sql`${contacts.tags} @> ARRAY[${filters.tag}]::text[]`);
  if (filters.city)
    conditions.push(sql`relance_search_text(${contacts.city}) = relance_search_text(${filters.city})`);
  if (filters.postalCode) conditions.push(like(contacts.postalCode, `${likeEscape(filters.postalCode)}%`));
  if (filters.consentChannel && filters.consentStatus) {
    const channel = filters.consentChannel;
    const status = filters.consentStatus;
    const hasRow = sql`EXISTS (SELECT 1 FROM ${consents} c WHERE c.contact_id = ${contacts.id} AND c.channel = ${channel} AND c.status = ${status})`;
    conditions.push(
      status === 'unknown'
        ? or(
            hasRow,
            sql`NOT EXISTS (SELECT 1 FROM ${consents} c WHERE c.contact_id = ${contacts.id} AND c.channel = ${channel})`,
          )
        : hasRow,
    );
  }
  return and(...conditions);
}

/** The key each sort orders by (always followed by id, so that the order is total). */
function sortKey(sort: ContactSort): SQL {
  switch (sort) {
    case 'name':
      return sql`${contacts.sortName}`;
    case 'updated':
      return sql`${contacts.updatedAt}`;
    case 'created':
      return sql`${contacts.id}`;
    default: {
      const never: never = sort;
      return never;
    }
  }
}

interface Cursor {
  key: string;
  id: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string): Cursor | null {
  try {
    const [key, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    return typeof key === 'string' && Number.isSafeInteger(id) ? { key, id } : null;
  } catch {
    return null;
  }
}

/**
 * One page of contacts, by keyset: (sort key, id) after the cursor. Costs the same on page 1 and page 10,000;
 * with an index per sort it stays fast at millions of contacts.
 *
 * With a search, the matches are found first through the trigram index (a MATERIALIZED CTE, so that the planner
 * cannot choose to walk the whole sort index and filter row by row, which takes seconds when the matches are rare
 * or all sit at one end of the order), then sorted; only the page's rows are read in full.
 */
export async function listContacts(
  db: Db,
  options: {
    filters: ContactFilters;
    sort: ContactSort;
    order: 'asc' | 'desc';
    limit: number;
    cursor?: Cursor | null;
  },
) {
  const key = sortKey(options.sort);
  const cast = { name: sql`text`, updated: sql`timestamptz`, created: sql`bigint` }[options.sort];
  const cmp = options.order === 'asc' ? sql`>` : sql`<`;
  const dir = options.order === 'asc' ? sql`ASC` : sql`DESC`;
  const after = (k: SQL, id: SQL) =>
    options.cursor
      ? sql`(${k}, ${id}) ${cmp} (${options.cursor.key}::${cast}, ${options.cursor.id}::bigint)`
      : undefined;

  let rows: (ContactSummary & { sortKey: string })[];
  if (options.filters.q?.trim()) {
    const result = await db.execute<{ id: string; k: string }>(sql`
      WITH matches AS MATERIALIZED (
        SELECT ${contacts.id} AS id, ${key} AS k FROM ${contacts} WHERE ${contactFilterSql(options.filters)}
      )
      SELECT id, k::text AS k FROM matches
       WHERE ${after(sql`k`, sql`id`) ?? sql`true`}
       ORDER BY k ${dir}, id ${dir}
       LIMIT ${options.limit + 1}`);
    const ids = result.map((r) => Number(r.id));
    const byId = new Map(
      (ids.length
        ? await db.select(contactSummaryColumns).from(contacts).where(inArray(contacts.id, ids))
        : []
      ).map((c) => [c.id, c]),
    );
    rows = result.map((r) => ({ ...byId.get(Number(r.id))!, sortKey: r.k }));
  } else {
    const keyText = sql<string>`${key}::text`;
    const direction = options.order === 'asc' ? asc : desc;
    rows = await db
      .select({ ...contactSummaryColumns, sortKey: keyText })
      .from(contacts)
      .where(and(contactFilterSql(options.filters), after(key, sql`${contacts.id}`)))
      .orderBy(direction(key), direction(contacts.id))
      .limit(options.limit + 1);
  }
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ sortKey: _sortKey, ...row }) => row),
    nextCursor: rows.length > options.limit && last ? encodeCursor({ key: last.sortKey, id: last.id }) : null,
  };
}

type ContactSummary = Pick<typeof contacts.$inferSelect, keyof typeof contactSummaryColumns>;
