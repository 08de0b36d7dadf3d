/**
 * Writes one batch of contact rows, set-based: COPY into a temporary staging table, match existing
 * contacts (external id, else email, else phone when exactly one contact has it), refuse conflicts,
 * update only what changed (a blank cell never erases), insert the new ones, then apply consents under
 * the import rules. All in the caller's transaction.
 */
import type { TransactionSql } from 'postgres';
import type { BatchOutcome } from './batch-outcome';
import { type CopyValue, copyLines, copyValue, textArrayLiteral } from './copy';
import { CONSENT_FIELDS, type ConsentField, type ContactRow, type RowError, type RowMapper } from './map-row';

const STAGE = 'import_stage_contacts';
/** the new contacts of the batch and their ids (narrow, so that the wide staging rows are never rewritten) */
const NEW = 'import_stage_new';

/** Stage column ↔ contacts column, for the fields compared and copied one to one. */
const SIMPLE = [
  'external_id',
  'civility',
  'first_name',
  'last_name',
  'company_name',
  'job_title',
  'email',
  'phone',
  'mobile',
  'address_line1',
  'address_line2',
  'postal_code',
  'city',
  'country',
] as const;

const FIELD_OF_COLUMN: Record<string, string> = {
  external_id: 'externalId',
  email: 'email',
  phone: 'phone',
  mobile: 'mobile',
};

const CONSENT_COLUMNS: Record<ConsentField, string> = {
  consentEmail: 'c_email',
  consentSms: 'c_sms',
  consentVoice: 'c_voice',
  consentPostal: 'c_postal',
  consentPhone: 'c_phone',
};

/** The staging table's columns and how each is read from a mapped row, in COPY order: one list, so that the
 * column names and the values can never drift apart. */
const STAGE_COLUMNS: readonly (readonly [string, (r: ContactRow) => CopyValue | undefined])[] = [
  ['line', (r) => r.line],
  ['external_id', (r) => r.externalId],
  ['kind', (r) => r.kind],
  ['civility', (r) => r.civility],
  ['first_name', (r) => r.firstName],
  ['last_name', (r) => r.lastName],
  ['company_name', (r) => r.companyName],
  ['job_title', (r) => r.jobTitle],
  ['email', (r) => r.email],
  ['phone', (r) => r.phone],
  ['mobile', (r) => r.mobile],
  ['address_line1', (r) => r.addressLine1],
  ['address_line2', (r) => r.addressLine2],
  ['postal_code', (r) => r.postalCode],
  ['city', (r) => r.city],
  ['country', (r) => r.country],
  ['tags', (r) => r.tags && textArrayLiteral(r.tags)],
  ['attributes', (r) => r.attributes && JSON.stringify(r.attributes)],
  ...(Object.entries(CONSENT_COLUMNS) as [ConsentField, string][]).map(
    ([field, column]) => [column, (r: ContactRow) => r.consents[field]] as const,
  ),
];
const COPY_COLUMNS = STAGE_COLUMNS.map(([column]) => column);

function copyLine(r: ContactRow): string {
  return `${STAGE_COLUMNS.map(([, read]) => copyValue(read(r) ?? null)).join('\t')}\n`;
}

const CREATE_STAGE = `
CREATE TEMP TABLE ${STAGE} (
  line integer PRIMARY KEY,
  external_id text, kind contact_kind, civility text, first_name text, last_name text, company_name text,
  job_title text, email text, phone text, mobile text, address_line1 text, address_line2 text,
  postal_code text, city text, country text, tags text[], attributes jsonb,
  c_email consent_status, c_sms consent_status, c_voice consent_status, c_postal consent_status,
  c_phone consent_status,
  contact_id bigint, changed boolean NOT NULL DEFAULT false,
  err_field text, err_reason text, err_value text
) ON COMMIT DROP`;

const MATCH = [
  `UPDATE ${STAGE} s SET contact_id = c.id FROM contacts c WHERE c.external_id = s.external_id`,
  // email, unless it is another contact's (that contact has another external id)
  `UPDATE ${STAGE} s SET contact_id = c.id,
     err_field = CASE WHEN s.external_id IS NOT NULL AND c.external_id IS NOT NULL THEN 'email' END,
     err_reason = CASE WHEN s.external_id IS NOT NULL AND c.external_id IS NOT NULL
       THEN 'email already belongs to the contact with external id ' || c.external_id
         || ': fix the email or the external id' END,
     err_value = CASE WHEN s.external_id IS NOT NULL AND c.external_id IS NOT NULL THEN s.email END
   FROM contacts c WHERE s.contact_id IS NULL AND c.email = s.email`,
  // a phone identifies a row with neither external id nor email, when exactly one contact has it
  `UPDATE ${STAGE} s SET contact_id = m.id FROM (
     SELECT line, min(id) AS id FROM (
       SELECT s2.line, c.id FROM ${STAGE} s2 JOIN contacts c ON c.mobile = coalesce(s2.mobile, s2.phone)
        WHERE s2.contact_id IS NULL AND s2.external_id IS NULL AND s2.email IS NULL
       UNION
       SELECT s2.line, c.id FROM ${STAGE} s2 JOIN contacts c ON c.phone = coalesce(s2.mobile, s2.phone)
        WHERE s2.contact_id IS NULL AND s2.external_id IS NULL AND s2.email IS NULL
     ) candidates GROUP BY line HAVING count(*) = 1
   ) m WHERE s.line = m.line`,
  // two rows of this batch reaching the same contact through different keys
  `UPDATE ${STAGE} s SET err_field = '', err_reason = 'duplicate of line ' || f.first_line || ' (same contact)'
   FROM (SELECT contact_id, min(line) AS first_line FROM ${STAGE}
         WHERE contact_id IS NOT NULL AND err_reason IS NULL GROUP BY contact_id HAVING count(*) > 1) f
   WHERE s.contact_id = f.contact_id AND s.line > f.first_line AND s.err_reason IS NULL`,
  // an existing contact would take an email that another contact has
  `UPDATE ${STAGE} s SET err_field = 'email', err_value = s.email,
     err_reason = 'email already belongs to another contact'
       || coalesce(' (external id ' || c.external_id || ')', '') || ': fix the email or the external id'
   FROM contacts c
   WHERE s.contact_id IS NOT NULL AND s.err_reason IS NULL AND c.email = s.email AND c.id <> s.contact_id`,
];

const differs = SIMPLE.map((col) => `(s.${col} IS NOT NULL AND c.${col} IS DISTINCT FROM s.${col})`).join(
  ' OR ',
);

const UPDATE_EXISTING = `
WITH changed AS (
  UPDATE contacts c SET
    ${SIMPLE.map((col) => `${col} = coalesce(s.${col}, c.${col})`).join(',\n    ')},
    kind = coalesce(s.kind, c.kind),
    tags = CASE WHEN s.tags IS NULL THEN c.tags ELSE c.tags || ARRAY(
      SELECT t FROM unnest(s.tags) WITH ORDINALITY AS u(t, i) WHERE t <> ALL (c.tags) ORDER BY i) END,
    attributes = CASE WHEN s.attributes IS NULL THEN c.attributes ELSE c.attributes || s.attributes END,
    updated_at = now()
  FROM ${STAGE} s
  WHERE s.contact_id = c.id AND s.err_reason IS NULL AND (
    ${differs}
    OR (s.kind IS NOT NULL AND c.kind <> s.kind)
    OR (s.tags IS NOT NULL AND NOT c.tags @> s.tags)
    OR (s.attributes IS NOT NULL AND NOT c.attributes @> s.attributes))
  RETURNING s.line
)
UPDATE ${STAGE} s SET changed = true FROM changed WHERE s.line = changed.line`;

const NEW_IDS = (sequence: string) => `
CREATE TEMP TABLE ${NEW} ON COMMIT DROP AS
SELECT line, nextval('${sequence}'::regclass) AS id FROM ${STAGE}
WHERE contact_id IS NULL AND err_reason IS NULL ORDER BY line`;

const INSERT_NEW = `
INSERT INTO contacts (id, kind, ${SIMPLE.join(', ')}, tags, attributes) OVERRIDING SYSTEM VALUE
SELECT n.id,
  coalesce(s.kind, CASE WHEN s.first_name IS NULL AND s.last_name IS NULL AND s.company_name IS NOT NULL
                   THEN 'company' ELSE 'person' END::contact_kind),
  ${SIMPLE.map((col) => (col === 'country' ? `coalesce(s.country, 'FR')` : `s.${col}`)).join(', ')},
  coalesce(s.tags, '{}'), coalesce(s.attributes, '{}')
FROM ${STAGE} s JOIN ${NEW} n ON n.line = s.line ORDER BY s.line`;

const consentValues = Object.entries(CONSENT_COLUMNS)
  .map(([field, col]) => `('${CONSENT_FIELDS[field as ConsentField]}'::channel, s.${col}, '${field}')`)
  .join(', ');

/**
 * Consents in one statement: what each row asks, the decision under the import rules (unknown → opt-in or
 * opt-out, opt-in → opt-out; never opt-out → opt-in, never back to unknown, never opt-in for a suppressed
 * address), the upsert, its consent event, and the rows refused (returned as warnings).
 */
const APPLY_CONSENTS = `
WITH decided AS MATERIALIZED (
  SELECT w.*,
    (w.status <> 'unknown' AND w.status IS DISTINCT FROM w.current
     AND NOT (w.current IS NOT DISTINCT FROM 'opt_out' AND w.status = 'opt_in') AND NOT w.suppressed) AS apply
  FROM (
    SELECT s.line, coalesce(s.contact_id, n.id) AS contact_id, n.id IS NOT NULL AS is_new, v.channel,
      v.status, v.field, cur.status AS current,
      (v.status = 'opt_in' AND EXISTS (
         SELECT 1 FROM contacts ct JOIN suppressions x
           ON x.channel = v.channel AND x.address IN (ct.email, ct.mobile, ct.phone)
         WHERE ct.id = coalesce(s.contact_id, n.id))) AS suppressed
    FROM ${STAGE} s
    LEFT JOIN ${NEW} n ON n.line = s.line
    CROSS JOIN LATERAL (VALUES ${consentValues}) AS v(channel, status, field)
    LEFT JOIN consents cur ON cur.contact_id = s.contact_id AND cur.channel = v.channel
    WHERE s.err_reason IS NULL AND v.status IS NOT NULL
  ) w
), applied AS (
  INSERT INTO consents (contact_id, channel, status, legal_basis, source, recorded_at)
  SELECT contact_id, channel, status, CASE WHEN status = 'opt_in' THEN 'consent'::legal_basis END, $1, now()
  FROM decided WHERE apply
  ON CONFLICT (contact_id, channel) DO UPDATE SET status = EXCLUDED.status,
    legal_basis = EXCLUDED.legal_basis, source = EXCLUDED.source, recorded_at = EXCLUDED.recorded_at
  RETURNING contact_id, channel, status, legal_basis
), logged AS (
  INSERT INTO consent_events (contact_id, channel, status, legal_basis, source)
  SELECT contact_id, channel, status, legal_basis, $1 FROM applied
), marked AS (
  UPDATE ${STAGE} s SET changed = true FROM decided d
  WHERE d.apply AND NOT d.is_new AND d.line = s.line AND NOT s.changed
)
SELECT line, field, channel::text AS channel, status::text AS status, current::text AS current, suppressed
FROM decided WHERE NOT apply AND status IS DISTINCT FROM current AND NOT (status = 'unknown' AND current IS NULL)`;

function consentWarning(w: { channel: string; status: string; current: string | null; suppressed: boolean }) {
  if (w.current === 'opt_out' && w.status === 'opt_in') {
    return `not applied: the contact opted out of ${w.channel}, and an import never re-subscribes anyone (record a new consent given by the contact instead)`;
  }
  if (w.status === 'unknown')
    return `not applied: an import cannot reset a recorded ${w.channel} consent to unknown`;
  if (w.suppressed)
    return `not applied: this contact's ${w.channel} address is suppressed and stays suppressed`;
  return `not applied (${w.current ?? 'none'} → ${w.status})`;
}

let sequence: string | undefined;

/** The identity sequence of contacts.id, looked up once. */
async function contactsSequence(tx: TransactionSql): Promise<string> {
  if (!sequence) {
    const [row] = await tx<{ name: string }[]>`SELECT pg_get_serial_sequence('contacts', 'id') AS name`;
    sequence = row!.name;
  }
  return sequence;
}

export async function flushContacts(
  tx: TransactionSql,
  rows: readonly ContactRow[],
  ctx: { source: string; mapper: RowMapper },
): Promise<BatchOutcome> {
  await tx.unsafe(CREATE_STAGE);
  await copyLines(tx, STAGE, COPY_COLUMNS, rows.map(copyLine));
  for (const statement of MATCH) await tx.unsafe(statement);
  await tx.unsafe(NEW_IDS(await contactsSequence(tx)));
  await tx.unsafe(UPDATE_EXISTING);
  await tx.unsafe(INSERT_NEW);

  const problems: RowError[] = [];
  if (rows.some((r) => Object.values(r.consents).some((v) => v !== null))) {
    const warnings = await tx.unsafe<
      {
        line: number;
        field: string;
        channel: string;
        status: string;
        current: string | null;
        suppressed: boolean;
      }[]
    >(APPLY_CONSENTS, [ctx.source]);
    for (const w of warnings) {
      problems.push({
        line: w.line,
        column: ctx.mapper.headerOf(w.field),
        reason: consentWarning(w),
        value: null,
      });
    }
  }

  const [counts] = await tx.unsafe<
    { inserted: number; updated: number; unchanged: number; failed: number }[]
  >(
    `SELECT (SELECT count(*) FROM ${NEW})::int AS inserted,
            count(*) FILTER (WHERE err_reason IS NULL AND contact_id IS NOT NULL AND changed)::int AS updated,
            count(*) FILTER (WHERE err_reason IS NULL AND contact_id IS NOT NULL AND NOT changed)::int AS unchanged,
            count(*) FILTER (WHERE err_reason IS NOT NULL)::int AS failed
     FROM ${STAGE}`,
  );
  const errors = await tx.unsafe<
    { line: number; err_field: string; err_reason: string; err_value: string | null }[]
  >(`SELECT line, err_field, err_reason, err_value FROM ${STAGE} WHERE err_reason IS NOT NULL ORDER BY line`);
  for (const e of errors) {
    const field = FIELD_OF_COLUMN[e.err_field] ?? e.err_field;
    problems.push({
      line: e.line,
      column: ctx.mapper.headerOf(field),
      reason: e.err_reason,
      value: e.err_value,
    });
  }
  return { ...counts!, problems };
}
