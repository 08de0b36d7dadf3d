import type { AttributionRule, ConversionKind } from '@relance/domain/tracking/attribution';
import type { CodeOutcome } from '@relance/domain/tracking/code-input';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { attributeConversions } from './attribution';
import { resolveCodes } from './code-lookup';
import { applySendEvents } from './send-events-apply';

const text = (values: readonly (string | null)[]) => sql`${sql.param(values)}::text[]`;

export type ConversionSource = 'redemption' | 'conversion';

/** One response, quote or sale to record (already validated: tracking/attribution.ts input schemas). */
export interface ConversionRecordInput {
  /** unique within the source: the same key twice records once */
  idempotencyKey: string;
  kind: ConversionKind;
  amountCents: number | null;
  occurredAt: Date;
  /** the tracking or coupon code as typed or scanned */
  code: string | null;
  email: string | null;
  phone: string | null;
  detail?: Record<string, unknown> | null;
}

export interface RecordOptions {
  source: ConversionSource;
  windowDays: number;
  recordedBy?: string | null;
  apiKeyId?: string | null;
}

export interface RecordedConversion {
  conversionId: number;
  /** this key was already recorded: nothing changed, the first recording is answered */
  duplicate: boolean;
  /** what the code given turned out to be (null when no code was given) */
  codeOutcome: CodeOutcome | null;
  rule: AttributionRule;
  sendId: number | null;
  contactId: number | null;
  campaignId: string | null;
  kind: ConversionKind;
  amountCents: number | null;
  occurredAt: Date;
}

/**
 * Records conversions in one transaction, set-based for a batch: codes resolved (two statements), credited
 * (attributeConversions, one statement), kept in `conversions` once per idempotency key (ON CONFLICT DO NOTHING),
 * and each one credited to a send becomes that send's event through applySendEvents (source = `source`, source id =
 * the conversion's id: a retry, finding its row, adds nothing). A key recorded before answers its first recording.
 * A code that matches nothing does not lose the sale: it is credited by the email or phone given, or kept
 * unattributed.
 */
export async function recordConversions(
  db: Db,
  inputs: readonly ConversionRecordInput[],
  options: RecordOptions,
): Promise<RecordedConversion[]> {
  if (inputs.length === 0) return [];
  const withCode = inputs.flatMap((input, i) => (input.code ? [{ i, code: input.code }] : []));
  const resolved = await resolveCodes(
    db,
    withCode.map((c) => c.code),
  );
  const codeOf = new Map(withCode.map((c, k) => [c.i, resolved[k]!]));
  const attributed = await attributeConversions(
    db,
    inputs.map((input, i) => ({
      at: input.occurredAt,
      codeSendId: codeOf.get(i)?.send?.sendId ?? null,
      couponCampaignId: codeOf.get(i)?.couponCampaignId ?? null,
      email: input.email,
      phone: input.phone,
    })),
    options.windowDays,
  );

  return db.transaction(async (tx) => {
    const inserted = await tx.execute<{ id: string; idempotency_key: string }>(sql`
      INSERT INTO conversions (source, idempotency_key, kind, amount_cents, occurred_at, code, email, phone, rule,
                               send_id, contact_id, campaign_id, recorded_by, api_key_id, detail)
      SELECT ${options.source}, v.key, v.kind::send_event_kind, v.amount, v.at, v.code, v.email, v.phone,
             v.rule::attribution_rule, v.send_id, v.contact_id, v.campaign_id,
             ${options.recordedBy ?? null}::uuid, ${options.apiKeyId ?? null}::uuid, v.detail
        FROM unnest(${text(inputs.map((c) => c.idempotencyKey))}, ${text(inputs.map((c) => c.kind))},
                    ${text(inputs.map((c) => (c.amountCents == null ? null : String(c.amountCents))))}::bigint[],
                    ${text(inputs.map((c) => c.occurredAt.toISOString()))}::timestamptz[],
                    ${text(inputs.map((_, i) => codeOf.get(i)?.code ?? null))},
                    ${text(inputs.map((c) => c.email))}, ${text(inputs.map((c) => c.phone))},
                    ${text(attributed.map((a) => a.rule))},
                    ${text(attributed.map((a) => (a.sendId == null ? null : String(a.sendId))))}::bigint[],
                    ${text(attributed.map((a) => (a.contactId == null ? null : String(a.contactId))))}::bigint[],
                    ${text(attributed.map((a) => a.campaignId))}::uuid[],
                    ${text(inputs.map((c) => (c.detail ? JSON.stringify(c.detail) : null)))}::jsonb[])
             AS v(key, kind, amount, at, code, email, phone, rule, send_id, contact_id, campaign_id, detail)
       ORDER BY v.key
      ON CONFLICT (source, idempotency_key) DO NOTHING
      RETURNING id, idempotency_key`);
    const fresh = new Set(inserted.map((r) => r.idempotency_key));
    const rows = await tx.execute<{
      id: string;
      idempotency_key: string;
      kind: ConversionKind;
      amount_cents: string | null;
      occurred_at: string;
      rule: AttributionRule;
      send_id: string | null;
      contact_id: string | null;
      campaign_id: string | null;
    }>(sql`
      SELECT id, idempotency_key, kind, amount_cents, occurred_at, rule, send_id, contact_id, campaign_id
        FROM conversions
       WHERE source = ${options.source} AND idempotency_key = ANY(${text(inputs.map((c) => c.idempotencyKey))})`);
    const byKey = new Map(rows.map((r) => [r.idempotency_key, r]));
    await applySendEvents(
      tx,
      rows.flatMap((r) =>
        r.send_id == null
          ? []
          : [
              {
                sendId: Number(r.send_id),
                kind: r.kind,
                source: options.source,
                sourceId: r.id,
                amountCents: r.amount_cents == null ? null : Number(r.amount_cents),
                occurredAt: new Date(r.occurred_at),
                detail: {
                  conversionId: Number(r.id),
                  rule: r.rule,
                  ...(options.recordedBy ? { by: options.recordedBy } : {}),
                  ...(options.apiKeyId ? { apiKey: options.apiKeyId } : {}),
                },
              },
            ],
      ),
    );
    const answered = new Set<string>();
    return inputs.map((input, i): RecordedConversion => {
      const row = byKey.get(input.idempotencyKey)!;
      // the same key twice in one batch: the first is the recording, the next ones duplicates
      const duplicate = !fresh.has(input.idempotencyKey) || answered.has(input.idempotencyKey);
      answered.add(input.idempotencyKey);
      return {
        conversionId: Number(row.id),
        duplicate,
        codeOutcome: codeOf.get(i)?.outcome ?? null,
        rule: row.rule,
        sendId: row.send_id == null ? null : Number(row.send_id),
        contactId: row.contact_id == null ? null : Number(row.contact_id),
        campaignId: row.campaign_id,
        kind: row.kind,
        amountCents: row.amount_cents == null ? null : Number(row.amount_cents),
        occurredAt: new Date(row.occurred_at),
      };
    });
  });
}

export interface ConversionSummary {
  /** conversions credited to no send: nothing matched, or a coupon whose redeemer got no send of its campaign */
  unattributed: { count: number; salesCents: number; campaignLevel: number };
  total: { count: number; salesCents: number };
}

/** The counts the redemption screen and the settings show, optionally since a date. */
export async function conversionSummary(db: Db): Promise<ConversionSummary> {
  const [row] = await db.execute<{
    n: number;
    sales: string;
    un: number;
    un_sales: string;
    campaign_level: number;
  }>(sql`
    SELECT count(*)::int AS n,
           coalesce(sum(amount_cents) FILTER (WHERE kind = 'sold'), 0) AS sales,
           count(*) FILTER (WHERE send_id IS NULL)::int AS un,
           coalesce(sum(amount_cents) FILTER (WHERE kind = 'sold' AND send_id IS NULL), 0) AS un_sales,
           count(*) FILTER (WHERE send_id IS NULL AND campaign_id IS NOT NULL)::int AS campaign_level
      FROM conversions`);
  return {
    unattributed: {
      count: Number(row?.un ?? 0),
      salesCents: Number(row?.un_sales ?? 0),
      campaignLevel: Number(row?.campaign_level ?? 0),
    },
    total: { count: Number(row?.n ?? 0), salesCents: Number(row?.sales ?? 0) },
  };
}
