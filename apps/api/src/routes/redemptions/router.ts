import { getAttributionSettings } from '@relance/db/queries/attribution';
import { describeCode, resolveCodes } from '@relance/db/queries/code-lookup';
import { type RecordedConversion, recordConversions } from '@relance/db/queries/conversions-record';
import { codeDescription, recordedConversion } from '@relance/domain/api/redemptions';
import { AppError } from '@relance/domain/errors';
import { can } from '@relance/domain/permissions';
import { redemptionInputSchema } from '@relance/domain/tracking/attribution';
import { isWrongCode } from '@relance/domain/tracking/code-input';
import type { AppDeps } from '../../deps';
import { actorId, type Principal, roleOf } from '../../http/principal';
import type { ApiRegistry } from '../../http/registry';
import type { CodeLimiter } from '../../middleware/code-limiter';
import { contactKeysOrThrow } from './contact-keys';
import { lookupBody } from './schemas';

const TYPO = 'This code has a typing mistake: read it again (codes never contain 0, 1, I, L or O).';
const UNKNOWN = 'No code or coupon matches: check it, or type the code printed under the QR code.';

/** The answer on the wire: dates as ISO strings. */
export function conversionAnswer(c: RecordedConversion) {
  return { ...c, occurredAt: c.occurredAt.toISOString() };
}

/**
 * The redemption screen: a code typed or scanned at a counter, on the phone or by a sales rep is looked up (what it
 * is, what is already recorded on it), then a response, a quote or a sale is recorded against it, once per
 * submission's idempotency key. Codes that match nothing count against the guessing limit; a code of a campaign
 * the caller cannot read answers exactly as an unknown one.
 */
export function redemptionRoutes(api: ApiRegistry, deps: AppDeps, limiter: CodeLimiter): void {
  const { db } = deps.database;
  const canSee = (principal: Principal) => can(roleOf(principal), 'campaigns:read');

  api.add(
    {
      method: 'post',
      path: '/api/redemptions/lookup',
      summary:
        'What a typed or scanned code is (tracking code, tracked URL or coupon): campaign, step, channel, contact and what is already recorded; or a typo, or unknown',
      tag: 'redemptions',
      access: 'codes:redeem',
      body: lookupBody,
      response: codeDescription,
    },
    async ({ body, principal }) => {
      await limiter.check(principal);
      const found = await describeCode(db, body.code);
      const described =
        (found.outcome === 'tracking' || found.outcome === 'coupon') && !canSee(principal)
          ? { outcome: 'unknown' as const, code: found.code }
          : found;
      if (isWrongCode(described.outcome)) await limiter.wrong(principal);
      return described;
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/redemptions',
      summary:
        'Record a response, a quote or a sale (amount in cents) on a tracking or coupon code; the same idempotency key records once',
      tag: 'redemptions',
      access: 'codes:redeem',
      body: redemptionInputSchema,
      response: recordedConversion,
    },
    async ({ body, principal }) => {
      await limiter.check(principal);
      const keys = contactKeysOrThrow(body);
      const [resolved] = await resolveCodes(db, [body.code]);
      let outcome = resolved!.outcome;
      if ((outcome === 'tracking' || outcome === 'coupon') && !canSee(principal)) outcome = 'unknown';
      if (outcome === 'typo') throw AppError.validation(TYPO, [{ field: 'code', message: TYPO }]);
      if (outcome === 'unknown') {
        await limiter.wrong(principal);
        throw AppError.validation(UNKNOWN, [{ field: 'code', message: UNKNOWN }]);
      }
      const { windowDays } = await getAttributionSettings(db);
      const [recorded] = await recordConversions(
        db,
        [
          {
            idempotencyKey: body.idempotencyKey,
            kind: body.kind,
            amountCents: body.kind === 'responded' ? null : (body.amountCents ?? null),
            occurredAt: new Date(),
            code: body.code,
            email: keys.email,
            phone: keys.phone,
            detail: body.note ? { note: body.note } : null,
          },
        ],
        { source: 'redemption', windowDays, recordedBy: actorId(principal) },
      );
      return conversionAnswer(recorded!);
    },
  );
}
