import type { OrderFact } from './inactivity';
import type { WinbackSettings } from './settings';
import type { OccasionalReason } from './vocabulary';

/**
 * Why a customer is an occasional buyer (DOMAIN.md §6.3), each criterion as switched on in the settings:
 * - `single_order`: no second order;
 * - `promo_only`: every order was on promotion or paid with a voucher (the bargain hunter, the voucher holder);
 * - `affiliate_only`: every order came from an affiliate source (compared without case or surrounding spaces).
 * An empty answer: not an occasional buyer. No orders: not a buyer at all, empty too.
 */
export function occasionalReasons(
  orders: readonly OrderFact[],
  settings: WinbackSettings['occasional'],
): OccasionalReason[] {
  if (orders.length === 0) return [];
  const affiliates = new Set(settings.affiliateSources.map((s) => s.trim().toLowerCase()));
  const reasons: OccasionalReason[] = [];
  if (settings.singleOrder && orders.length === 1) reasons.push('single_order');
  if (settings.promoOnly && orders.every((o) => o.promo || o.voucher)) reasons.push('promo_only');
  if (
    settings.affiliateOnly &&
    orders.every((o) => o.source != null && affiliates.has(o.source.trim().toLowerCase()))
  )
    reasons.push('affiliate_only');
  return reasons;
}
