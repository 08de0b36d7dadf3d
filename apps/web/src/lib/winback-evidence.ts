import { useTranslation } from 'react-i18next';
import { useFormat } from './format';

/**
 * The sentence that shows why a win-back signal or alert was raised, from its evidence as the API sends it
 * (dates as ISO strings, money in cents, trends as ratios). Shared by the contact page and the alert feed.
 */
export function useWinbackEvidence(): (kind: string, evidence: Record<string, unknown>) => string {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const percent = new Intl.NumberFormat(i18n.language, {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: 0,
  });
  const share = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return (kind, e) => {
    switch (kind) {
      case 'anniversary_missed':
        return t('winback.evidence.anniversary_missed', {
          anniversary: f.date(str(e.anniversaryAt)),
          lastOrder: f.date(str(e.lastOrderAt)),
          days: f.number(num(e.daysLate)),
        });
      case 'trend_down':
        return t('winback.evidence.trend_down', {
          recent: f.money(num(e.recentCents)),
          previous: f.money(num(e.previousCents)),
          trend: percent.format(num(e.trend) ?? 0),
        });
      case 'complaints_up':
        return t('winback.evidence.complaints_up', {
          current: f.number(num(e.current)),
          previous: f.number(num(e.previous)),
          complaints: f.number(num(e.complaints)),
          afterSales: f.number(num(e.afterSales)),
        });
      case 'became_former':
        return t('winback.evidence.became_former', {
          since: f.date(str(e.since)),
          reason: t(`winback.formerReasons.${str(e.reason) ?? 'no_order'}`),
        });
      case 'churn_risk':
        return t('winback.evidence.churn_risk', {
          months: f.number(num(e.horizonMonths)),
          probability: share.format(num(e.probability) ?? 0),
          threshold: share.format(num(e.threshold) ?? 0),
        });
      case 'low_satisfaction':
        return t('winback.evidence.low_satisfaction', { wave: str(e.wave) ?? '' });
      default:
        return '';
    }
  };
}
