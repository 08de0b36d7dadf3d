import { getAttributionSettings, saveAttributionSettings } from '@relance/db/queries/attribution';
import {
  type ConversionRecordInput,
  conversionSummary,
  recordConversions,
} from '@relance/db/queries/conversions-record';
import { conversionSummaryAnswer, recordedConversion } from '@relance/domain/api/redemptions';
import { AppError, type FieldError } from '@relance/domain/errors';
import {
  attributionSettingsSchema,
  type ConversionInput,
  conversionInputSchema,
} from '@relance/domain/tracking/attribution';
import { isWrongCode } from '@relance/domain/tracking/code-input';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { Principal } from '../../http/principal';
import type { ApiRegistry } from '../../http/registry';
import { fieldErrorsOf } from '../../http/zod-errors';
import type { CodeLimiter } from '../../middleware/code-limiter';
import { contactKeys } from '../redemptions/contact-keys';
import { conversionAnswer } from '../redemptions/router';

const MAX_BATCH = 1000;

const batchBody = z.object({
  conversions: z
    .array(z.unknown(), { error: 'Send the conversions as a list' })
    .min(1, { error: 'Send at least one conversion' })
    .max(MAX_BATCH, { error: `At most ${MAX_BATCH} conversions per request` }),
});
const batchAnswer = z.object({
  results: z.array(
    z.union([
      recordedConversion.extend({ index: z.number().int(), ok: z.literal(true) }),
      z.object({
        index: z.number().int(),
        ok: z.literal(false),
        errors: z.array(z.object({ field: z.string(), message: z.string() })),
      }),
    ]),
  ),
});
function toRecordInput(
  c: ConversionInput,
  email: string | null,
  phone: string | null,
): ConversionRecordInput {
  return {
    idempotencyKey: c.orderId,
    kind: c.kind,
    amountCents: c.kind === 'responded' ? null : (c.amountCents ?? null),
    occurredAt: c.occurredAt ? new Date(c.occurredAt) : new Date(),
    code: c.code ?? null,
    email,
    phone,
    detail: { orderId: c.orderId, currency: c.currency },
  };
}

/**
 * The conversion API, for a website or a CRM (an API key as a Bearer token): sales reported with a tracking or
 * coupon code, or with the customer's email or phone, credited by the attribution rules (tracking/attribution.ts)
 * and counted once per order id. The attribution window's setting and the unattributed count live here too.
 */
export function conversionRoutes(api: ApiRegistry, deps: AppDeps, limiter: CodeLimiter): void {
  const { db } = deps.database;
  const apiKeyOf = (p: Principal) => (p.kind === 'api-key' ? p.apiKey.id : null);
  const userOf = (p: Principal) => (p.kind === 'user' ? p.user.id : null);

  async function record(principal: Principal, inputs: ConversionRecordInput[]) {
    await limiter.check(principal);
    const { windowDays } = await getAttributionSettings(db);
    const recorded = await recordConversions(db, inputs, {
      source: 'conversion',
      windowDays,
      apiKeyId: apiKeyOf(principal),
      recordedBy: userOf(principal),
    });
    await limiter.wrong(principal, recorded.filter((r) => !r.duplicate && isWrongCode(r.codeOutcome)).length);
    return recorded;
  }

  api.add(
    {
      method: 'post',
      path: '/api/conversions',
      summary:
        'Report a sale (or a quote, or a response) with a tracking or coupon code, or the customer’s email or phone; amount in euro cents; the order id makes a retry count once',
      tag: 'conversions',
      access: 'conversions:report',
      body: conversionInputSchema,
      response: recordedConversion,
    },
    async ({ body, principal }) => {
      const keys = contactKeys(body);
      if (keys.errors.length > 0) throw AppError.validation('Check the email or the phone.', keys.errors);
      const [recorded] = await record(principal, [toRecordInput(body, keys.email, keys.phone)]);
      return conversionAnswer(recorded!);
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/conversions/batch',
      summary: `Report up to ${MAX_BATCH} conversions at once; each is answered on its own (a bad one never blocks the others)`,
      tag: 'conversions',
      access: 'conversions:report',
      body: batchBody,
      response: batchAnswer,
    },
    async ({ body, principal }) => {
      const errors = new Map<number, FieldError[]>();
      const valid: { index: number; input: ConversionRecordInput }[] = [];
      body.conversions.forEach((raw, index) => {
        const parsed = conversionInputSchema.safeParse(raw);
        if (!parsed.success) {
          errors.set(index, fieldErrorsOf(parsed.error));
          return;
        }
        const keys = contactKeys(parsed.data);
        if (keys.errors.length > 0) errors.set(index, keys.errors);
        else valid.push({ index, input: toRecordInput(parsed.data, keys.email, keys.phone) });
      });
      const recorded =
        valid.length > 0
          ? await record(
              principal,
              valid.map((v) => v.input),
            )
          : [];
      const byIndex = new Map(valid.map((v, k) => [v.index, recorded[k]!]));
      return {
        results: body.conversions.map((_, index) => {
          const r = byIndex.get(index);
          return r
            ? { index, ok: true as const, ...conversionAnswer(r) }
            : { index, ok: false as const, errors: errors.get(index) ?? [] };
        }),
      };
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/conversions/summary',
      summary: 'How many conversions were recorded, and how many were credited to no send (unattributed)',
      tag: 'conversions',
      access: 'campaigns:read',
      response: conversionSummaryAnswer,
    },
    () => conversionSummary(db),
  );

  api.add(
    {
      method: 'get',
      path: '/api/settings/attribution',
      summary:
        'The attribution window: days after a send that a sale reported without a code is credited to it',
      tag: 'settings',
      access: 'campaigns:read',
      response: attributionSettingsSchema,
    },
    () => getAttributionSettings(db),
  );

  api.add(
    {
      method: 'put',
      path: '/api/settings/attribution',
      summary: 'Change the attribution window (conversions already recorded keep their credit)',
      tag: 'settings',
      access: 'settings:manage',
      body: attributionSettingsSchema,
      response: attributionSettingsSchema,
    },
    ({ body }) => saveAttributionSettings(db, body),
  );
}
