import type { RowError } from './map-row';

/** What one batch did. `problems` holds the rows refused by the database step and the warnings. */
export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  /** rows refused by the database step (conflicts, unknown contacts, duplicates within the batch) */
  failed: number;
  problems: RowError[];
}
