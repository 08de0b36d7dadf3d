import type { Formatters } from '../../../lib/format';

/** A share (0.153) as a percentage with one decimal ("15,3 %"), a dash when unknown. */
export function percent(f: Formatters, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** An ROI (margin − cost) / cost as a signed percentage ("+120 %", "−35 %"). */
export function roi(f: Formatters, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(f.locale, {
    style: 'percent',
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  }).format(value);
}
