import { SEND_EVENT_KINDS } from '@relance/domain/dispatch/sends';
import { describe, expect, it } from 'vitest';
import {
  allowedMoves,
  FOLLOW_UP_STAGES,
  type FollowUpMove,
  MAX_FOLLOW_UP_AMOUNT_CENTS,
  moveKindToColumn,
  planMove,
  stageOfEvent,
  stageRank,
} from './follow-up';
import { followUpMoveInput, reminderInput } from './follow-up-input';

const moves: FollowUpMove[] = [
  { kind: 'quote', amountCents: 100 },
  { kind: 'sale', amountCents: 100 },
  { kind: 'lost', reason: 'price', competitor: null },
  { kind: 'remind', note: null },
  { kind: 'reopen' },
];

describe('the follow-up stage machine', () => {
  it('records the matching event for each move', () => {
    expect(planMove('response', { kind: 'quote', amountCents: 125_000 })).toEqual({
      ok: true,
      to: 'quote',
      event: { kind: 'quoted', amountCents: 125_000 },
    });
    expect(planMove('quote', { kind: 'sale', amountCents: 99_900 })).toEqual({
      ok: true,
      to: 'sale',
      event: { kind: 'sold', amountCents: 99_900 },
    });
    expect(planMove('quote', { kind: 'remind', note: 'call back' })).toEqual({
      ok: true,
      to: 'quote',
      event: { kind: 'reminded', amountCents: null },
    });
    expect(planMove('response', { kind: 'lost', reason: 'price', competitor: null })).toEqual({
      ok: true,
      to: 'lost',
      event: { kind: 'lost', amountCents: null },
    });
    expect(planMove('lost', { kind: 'reopen' })).toEqual({ ok: true, to: 'response', event: null });
  });

  it('refuses every move not allowed from a stage, and says which are', () => {
    const taken: string[] = [];
    for (const from of FOLLOW_UP_STAGES)
      for (const move of moves) {
        const plan = planMove(from, move);
        if (plan.ok) taken.push(`${from}:${move.kind}`);
        else expect(plan.message).toContain(from);
      }
    expect(taken.sort()).toEqual(
      [
        'response:quote',
        'response:sale',
        'response:lost',
        'response:remind',
        'quote:sale',
        'quote:lost',
        'quote:remind',
        'lost:reopen',
      ].sort(),
    );
    expect(allowedMoves('sale')).toEqual([]);
    const back = planMove('quote', { kind: 'reopen' });
    expect(back.ok).toBe(false);
  });

  it('ranks stages so that events never move a follow-up back, and a sale outranks lost', () => {
    expect(stageRank('response')).toBeLessThan(stageRank('quote'));
    expect(stageRank('quote')).toBeLessThan(stageRank('lost'));
    expect(stageRank('lost')).toBeLessThan(stageRank('sale'));
    const opening = SEND_EVENT_KINDS.filter((k) => stageOfEvent(k) !== null);
    expect(opening.sort()).toEqual(['lost', 'quoted', 'responded', 'sold']);
  });

  it('maps a drop on a column to its move', () => {
    expect(moveKindToColumn('response', 'quote')).toBe('quote');
    expect(moveKindToColumn('lost', 'response')).toBe('reopen');
    expect(moveKindToColumn('quote', 'quote')).toBeNull();
  });
});

describe('move input', () => {
  const fieldsOf = (body: unknown) => {
    const r = followUpMoveInput.safeParse(body);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };

  it('refuses negative, fractional, zero and absurd amounts on the amount field', () => {
    expect(fieldsOf({ kind: 'quote', version: 1, amountCents: -100 })).toEqual(['amountCents']);
    expect(fieldsOf({ kind: 'sale', version: 1, amountCents: 10.5 })).toEqual(['amountCents']);
    expect(fieldsOf({ kind: 'sale', version: 1, amountCents: 0 })).toEqual(['amountCents']);
    expect(fieldsOf({ kind: 'quote', version: 1, amountCents: MAX_FOLLOW_UP_AMOUNT_CENTS + 1 })).toEqual([
      'amountCents',
    ]);
    expect(fieldsOf({ kind: 'quote', version: 1, amountCents: MAX_FOLLOW_UP_AMOUNT_CENTS })).toEqual([]);
  });

  it('wants the version, a known reason and the competitor named when it is the reason', () => {
    expect(fieldsOf({ kind: 'quote', amountCents: 100 })).toEqual(['version']);
    expect(fieldsOf({ kind: 'lost', version: 2, reason: 'weather' })).toEqual(['reason']);
    expect(fieldsOf({ kind: 'lost', version: 2, reason: 'competitor', competitor: ' ' })).toEqual([
      'competitor',
    ]);
    expect(fieldsOf({ kind: 'lost', version: 2, reason: 'competitor', competitor: 'Acme' })).toEqual([]);
    expect(fieldsOf({ kind: 'fly', version: 2 })).toEqual(['kind']);
  });

  it('schedules reminders now or later, not in the past', () => {
    expect(reminderInput.safeParse({ dueAt: new Date(Date.now() + 3600_000).toISOString() }).success).toBe(
      true,
    );
    expect(reminderInput.safeParse({ dueAt: '2001-01-01T00:00:00Z' }).success).toBe(false);
    expect(reminderInput.safeParse({ dueAt: 'tomorrow' }).success).toBe(false);
  });
});
