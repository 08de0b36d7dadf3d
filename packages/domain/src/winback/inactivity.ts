import type { Tier } from '../indicators';
import { assertNever } from '../vocabulary';
import { addMonths } from './dates';
import type { InactivityRule, RuleScope, WinbackSettings } from './settings';
import type { FormerReason } from './vocabulary';

/** One order as the win-back rules read it. Money in euro cents. */
export interface OrderFact {
  orderedAt: Date;
  amountCents: number;
  promo?: boolean;
  voucher?: boolean;
  source?: string | null;
}

/** Whether an override's scope takes in this customer. */
function inScope(
  scope: RuleScope,
  customer: { tier: Tier | null; tags: readonly string[]; segmentIds?: readonly string[] },
): boolean {
  switch (scope.kind) {
    case 'tier':
      return scope.tier === customer.tier;
    case 'tag':
      return customer.tags.includes(scope.tag);
    case 'segment':
      return customer.segmentIds?.includes(scope.segmentId) ?? false;
    default:
      return assertNever(scope, 'rule scope');
  }
}

/**
 * The rule that applies to a customer: the first override whose scope matches (the customer's tier, one of its
 * tags, or a saved segment it belongs to), else the default.
 */
export function ruleFor(
  customer: { tier: Tier | null; tags: readonly string[]; segmentIds?: readonly string[] },
  inactivity: WinbackSettings['inactivity'],
): InactivityRule {
  return inactivity.overrides.find((o) => inScope(o.scope, customer))?.rule ?? inactivity.default;
}

export interface FormerVerdict {
  reason: FormerReason;
  /** when it happened: the day the months without an order ran out, or `asOf` for a drop in spend */
  since: Date;
}

/** Spend in the `months` before `asOf` (the recent window) and the same length just before it. */
export function spendWindows(
  orders: readonly OrderFact[],
  months: number,
  asOf: Date,
): { recentCents: number; previousCents: number } {
  const recentStart = addMonths(asOf, -months);
  const previousStart = addMonths(asOf, -2 * months);
  let recentCents = 0;
  let previousCents = 0;
  for (const o of orders) {
    if (o.orderedAt > asOf) continue;
    if (o.orderedAt > recentStart) recentCents += o.amountCents;
    else if (o.orderedAt > previousStart) previousCents += o.amountCents;
  }
  return { recentCents, previousCents };
}

/**
 * Whether a customer (at least one order by `asOf`) is a former customer under `rule` (DOMAIN.md §6.1):
 * - no order for `noOrderMonths`: the last order plus that many months is at or before `asOf`; it happened then;
 * - spend down: over the last `windowMonths` the customer spent less than (1 − share) of the window before
 *   (which must have had some spend); it is dated `asOf`, the day it was seen.
 * The no-order criterion is checked first. Orders after `asOf` are ignored. Answers null for an active customer.
 */
export function formerVerdict(
  orders: readonly OrderFact[],
  rule: InactivityRule,
  asOf: Date,
): FormerVerdict | null {
  const past = orders.filter((o) => o.orderedAt <= asOf);
  if (past.length === 0) return null;
  const last = new Date(Math.max(...past.map((o) => o.orderedAt.getTime())));
  if (rule.noOrderMonths !== null) {
    const due = addMonths(last, rule.noOrderMonths);
    if (due <= asOf) return { reason: 'no_order', since: due };
  }
  if (rule.spendDrop !== null) {
    const { recentCents, previousCents } = spendWindows(past, rule.spendDrop.windowMonths, asOf);
    if (previousCents > 0 && recentCents < previousCents * (1 - rule.spendDrop.share))
      return { reason: 'spend_drop', since: asOf };
  }
  return null;
}
