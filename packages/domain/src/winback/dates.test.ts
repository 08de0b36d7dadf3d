import { describe, expect, it } from 'vitest';
import { addMonths, completedYears, daysBetween } from './dates';

const d = (iso: string) => new Date(iso);

describe('calendar arithmetic as PostgreSQL does it', () => {
  it('adds months keeping the time and clamping the day', () => {
    expect(addMonths(d('2025-01-31T10:00:00Z'), 1).toISOString()).toBe('2025-02-28T10:00:00.000Z');
    expect(addMonths(d('2024-01-31T10:00:00Z'), 1).toISOString()).toBe('2024-02-29T10:00:00.000Z');
    expect(addMonths(d('2024-02-29T00:00:00Z'), 12).toISOString()).toBe('2025-02-28T00:00:00.000Z');
    expect(addMonths(d('2025-03-15T00:00:00Z'), -14).toISOString()).toBe('2024-01-15T00:00:00.000Z');
  });
  it('counts completed years and whole days', () => {
    expect(completedYears(d('2023-03-10T00:00:00Z'), d('2025-03-09T23:59:59Z'))).toBe(1);
    expect(completedYears(d('2023-03-10T00:00:00Z'), d('2025-03-10T00:00:00Z'))).toBe(2);
    expect(completedYears(d('2024-02-29T00:00:00Z'), d('2025-02-28T00:00:00Z'))).toBe(1);
    expect(daysBetween(d('2025-01-01T00:00:00Z'), d('2025-01-31T12:00:00Z'))).toBe(30);
  });
});
