import type { LinkTargetRow, TrackedCode } from '@relance/db/queries/tracked-links';
import type { VariantLabel } from '@relance/domain/planning/test-plan';
import type { Channel } from '@relance/domain/vocabulary';

/**
 * Where the links of one step's variant lead, shared by all its codes and updated in place when the landing
 * pages are read again (a marketer edits a landing page: every code in memory follows at the next refresh).
 */
export interface LinkTarget {
  readonly stepId: string;
  readonly variant: VariantLabel;
  readonly channel: Channel;
  /** the landing page with its UTM parameters, or null for the hosted page `/l/{code}` */
  location: string | null;
  /** the step is gone (its campaign deleted): its codes are forgotten when next asked for */
  gone: boolean;
}

/** A known code: its send and its target (which says the channel). */
export interface LinkEntry {
  readonly sendId: number;
  readonly target: LinkTarget;
}

export type TargetKey = Pick<LinkTarget, 'stepId' | 'variant' | 'channel'>;
const keyOf = (k: TargetKey) => `${k.stepId}|${k.variant}|${k.channel}`;

/**
 * The tracked links held in memory: code → send (a send's code, step and variant never change, so an entry is
 * kept until `max` newer ones push it out, least recently used first) and (step, variant, channel) → target
 * (few: one per variant of each step clicked). `locate` turns a target row into the location it answers.
 */
export class LinkDirectory {
  private readonly codes = new Map<string, LinkEntry>();
  private readonly targets = new Map<string, LinkTarget>();

  constructor(
    readonly max: number,
    private readonly locate: (row: LinkTargetRow) => string | null,
  ) {}

  /** the entry of a code in memory (and it becomes the most recently used), or undefined */
  get(code: string): LinkEntry | undefined {
    const entry = this.codes.get(code);
    if (entry === undefined) return undefined;
    this.codes.delete(code);
    if (entry.target.gone) return undefined;
    this.codes.set(code, entry);
    return entry;
  }

  /** the target of a row as it is now: created, or updated in place for every code that shares it */
  target(row: LinkTargetRow): LinkTarget {
    const key = keyOf(row);
    const location = this.locate(row);
    let target = this.targets.get(key);
    if (target === undefined) {
      target = { stepId: row.stepId, variant: row.variant, channel: row.channel, location, gone: false };
      this.targets.set(key, target);
    } else target.location = location;
    return target;
  }

  /** a code's entry, its target already known (`target`) */
  add(code: string, sendId: number, target: LinkTarget): LinkEntry {
    const entry: LinkEntry = { sendId, target };
    this.codes.delete(code);
    this.codes.set(code, entry);
    if (this.codes.size > this.max) this.codes.delete(this.codes.keys().next().value!);
    return entry;
  }

  /**
   * Codes read in bulk (`trackedCodes`), added when their target is known; answers how many were added. The
   * targets they need and that are not in memory are `missingTargets` (read them first).
   */
  addCodes(codes: readonly TrackedCode[]): number {
    let added = 0;
    for (const c of codes) {
      const target = this.targets.get(keyOf(c));
      if (target === undefined) continue;
      this.add(c.code, c.sendId, target);
      added++;
    }
    return added;
  }

  /** the distinct targets of these codes that are not in memory */
  missingTargets(codes: readonly TrackedCode[]): TargetKey[] {
    const missing = new Map<string, TargetKey>();
    for (const c of codes) {
      const key = keyOf(c);
      if (!this.targets.has(key) && !missing.has(key))
        missing.set(key, { stepId: c.stepId, variant: c.variant, channel: c.channel });
    }
    return [...missing.values()];
  }

  /** every target in memory (to read them again) */
  targetKeys(): TargetKey[] {
    return [...this.targets.values()].map(({ stepId, variant, channel }) => ({ stepId, variant, channel }));
  }

  /**
   * The targets read again: each updated in place; one that was asked for and did not come back is gone (its
   * codes are dropped when next asked for, and answer from the database: a 404 if the send is gone too).
   */
  refresh(asked: readonly TargetKey[], rows: readonly LinkTargetRow[]): void {
    const found = new Set<string>();
    for (const row of rows) {
      this.target(row);
      found.add(keyOf(row));
    }
    for (const k of asked) {
      const key = keyOf(k);
      if (found.has(key)) continue;
      const target = this.targets.get(key);
      if (target) {
        target.gone = true;
        this.targets.delete(key);
      }
    }
  }

  get size(): { codes: number; targets: number } {
    return { codes: this.codes.size, targets: this.targets.size };
  }
}
