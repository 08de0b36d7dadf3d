/**
 * Writes one batch of order rows, set-based: COPY into a staging table, find each order's contact (by
 * external id, else email), give orders without a reference a deterministic key (contact, date, amount)
 * so that importing the same file again changes nothing, and upsert by reference.
 */
import type { TransactionSql } from 'postgres';
import type { BatchOutcome } from './batch-outcome';
import { copyLines, copyValue } from './copy';
import type { OrderRow, RowError, RowMapper } from './map-row';

const STAGE = 'import_stage_orders';

const COPY_COLUMNS = [
  'line',
  'external_id',
  'contact_external_id',
  'contact_email',
  'ordered_at',
  'amount_cents',
  'margin_cents',
  'promo',
  'voucher',
  'source',
];

function copyLine(r: OrderRow): string {
  return `${[
    r.line,
    r.externalId,
    r.contactExternalId,
    r.contactEmail,
    r.orderedAt.toISOString(),
    r.amountCents,
    r.marginCents,
    r.promo,
    r.voucher,
    r.source,
  ]
    .map(copyValue)
    .join('\t')}\n`;
}

const CREATE_STAGE = `
CREATE TEMP TABLE ${STAGE} (
  line integer PRIMARY KEY, external_id text, contact_external_id text, contact_email text,
  ordered_at timestamptz NOT NULL, amount_cents integer NOT NULL, margin_cents integer, promo boolean,
  voucher boolean, source text,
  contact_id bigint, order_key text, order_id bigint, err_field text, err_reason text, err_value text
) ON COMMIT DROP`;

const STEPS = [
  `UPDATE ${STAGE} s SET contact_id = c.id FROM contacts c WHERE c.external_id = s.contact_external_id`,
  `UPDATE ${STAGE} s SET contact_id = c.id FROM contacts c WHERE s.contact_id IS NULL AND c.email = s.contact_email`,
  `UPDATE ${STAGE} SET
     err_field = CASE WHEN contact_external_id IS NOT NULL THEN 'contactExternalId' ELSE 'contactEmail' END,
     err_value = coalesce(contact_external_id, contact_email),
     err_reason = CASE
       WHEN contact_external_id IS NOT NULL AND contact_email IS NOT NULL
         THEN 'no contact with external id ' || contact_external_id || ' or email ' || contact_email
       WHEN contact_external_id IS NOT NULL THEN 'no contact with external id ' || contact_external_id
       ELSE 'no contact with email ' || contact_email END
       || ': import the contacts first'
   WHERE contact_id IS NULL`,
  `UPDATE ${STAGE} SET order_key = coalesce(external_id,
     'auto-' || contact_id || '-' || extract(epoch FROM ordered_at)::bigint || '-' || amount_cents)
   WHERE err_reason IS NULL`,
  `UPDATE ${STAGE} s SET err_field = '', err_reason = 'duplicate of line ' || f.first_line
     || ' (same contact, date and amount, and no order reference)'
   FROM (SELECT order_key, min(line) AS first_line FROM ${STAGE} WHERE err_reason IS NULL
         GROUP BY order_key HAVING count(*) > 1) f
   WHERE s.order_key = f.order_key AND s.line > f.first_line AND s.err_reason IS NULL`,
];

const MATCH_ORDERS = `UPDATE ${STAGE} s SET order_id = o.id FROM orders o WHERE o.external_id = s.order_key`;

const UPDATE_EXISTING = `
WITH changed AS (
  UPDATE orders o SET
    contact_id = s.contact_id, ordered_at = s.ordered_at, amount_cents = s.amount_cents,
    margin_cents = coalesce(s.margin_cents, o.margin_cents), promo = coalesce(s.promo, o.promo),
    voucher = coalesce(s.voucher, o.voucher), source = coalesce(s.source, o.source)
  FROM ${STAGE} s
  WHERE s.order_id = o.id AND s.err_reason IS NULL AND (
    (o.contact_id, o.ordered_at, o.amount_cents) IS DISTINCT FROM (s.contact_id, s.ordered_at, s.amount_cents)
    OR (s.margin_cents IS NOT NULL AND o.margin_cents IS DISTINCT FROM s.margin_cents)
    OR (s.promo IS NOT NULL AND o.promo <> s.promo)
    OR (s.voucher IS NOT NULL AND o.voucher <> s.voucher)
    OR (s.source IS NOT NULL AND o.source IS DISTINCT FROM s.source))
  RETURNING o.id
)
SELECT count(*)::int AS n FROM changed`;

const INSERT_NEW = `
WITH inserted AS (
  INSERT INTO orders (external_id, contact_id, ordered_at, amount_cents, margin_cents, promo, voucher, source)
  SELECT order_key, contact_id, ordered_at, amount_cents, margin_cents, coalesce(promo, false),
         coalesce(voucher, false), source
  FROM ${STAGE} WHERE order_id IS NULL AND err_reason IS NULL ORDER BY line
  RETURNING id
)
SELECT count(*)::int AS n FROM inserted`;

export async function flushOrders(
  tx: TransactionSql,
  rows: readonly OrderRow[],
  ctx: { mapper: RowMapper },
): Promise<BatchOutcome> {
  await tx.unsafe(CREATE_STAGE);
  await copyLines(tx, STAGE, COPY_COLUMNS, rows.map(copyLine));
  await tx.unsafe(`ANALYZE ${STAGE}`);
  for (const statement of STEPS) await tx.unsafe(statement);
  await tx.unsafe(MATCH_ORDERS);
  const [updated] = await tx.unsafe<{ n: number }[]>(UPDATE_EXISTING);
  const [inserted] = await tx.unsafe<{ n: number }[]>(INSERT_NEW);
  const errors = await tx.unsafe<
    { line: number; err_field: string; err_reason: string; err_value: string | null }[]
  >(`SELECT line, err_field, err_reason, err_value FROM ${STAGE} WHERE err_reason IS NOT NULL ORDER BY line`);
  const problems: RowError[] = errors.map((e) => ({
    line: e.line,
    column: ctx.mapper.headerOf(e.err_field),
    reason: e.err_reason,
    value: e.err_value,
  }));
  const ok = rows.length - errors.length;
  return {
    inserted: inserted!.n,
    updated: updated!.n,
    unchanged: ok - inserted!.n - updated!.n,
    failed: errors.length,
    problems,
  };
}
