import type { SendEventKind } from '../dispatch/sends';
import { assertNever } from '../vocabulary';

/**
 * The follow-up pipeline (DOMAIN.md §4: "a follow-up table of the steps: messages sent, quotes, reminders, sales"):
 * each send that got a response has one follow-up, which moves response → quote (amount) → sale (amount), or to
 * lost (reason); reminders are made at the response and quote stages. Pure: the database and the API apply it.
 */
export const FOLLOW_UP_STAGES = ['response', 'quote', 'sale', 'lost'] as const;
export type FollowUpStage = (typeof FOLLOW_UP_STAGES)[number];

/** The stages still being worked (reminders are scheduled and made only there). */
export const OPEN_FOLLOW_UP_STAGES = ['response', 'quote'] as const satisfies readonly FollowUpStage[];

/** The event kinds that open (or advance) a follow-up when they are recorded for a send. */
export const FOLLOW_UP_EVENT_KINDS = [
  'responded',
  'quoted',
  'sold',
] as const satisfies readonly SendEventKind[];

/**
 * How far a follow-up has gone, for events that arrive from elsewhere (a code typed at a counter, a conversion
 * API, a provider's reply): a follow-up only ever moves up this order by events, never back. A sale outranks
 * lost (the customer bought after all); lost outranks a quote or a response that arrives late. Only a person
 * moves a follow-up back (reopen).
 */
export function stageRank(stage: FollowUpStage): number {
  switch (stage) {
    case 'response':
      return 0;
    case 'quote':
      return 1;
    case 'lost':
      return 2;
    case 'sale':
      return 3;
    default:
      return assertNever(stage, 'follow-up stage');
  }
}

/** The stage an event puts a follow-up at (when it ranks higher than its current stage), or null. */
export function stageOfEvent(kind: SendEventKind): FollowUpStage | null {
  switch (kind) {
    case 'responded':
      return 'response';
    case 'quoted':
      return 'quote';
    case 'sold':
      return 'sale';
    case 'lost':
      return 'lost';
    case 'delivered':
    case 'opened':
    case 'clicked':
    case 'bounced':
    case 'reminded':
    case 'dropped':
    case 'spam_reported':
    case 'unsubscribed':
    case 'undelivered':
    case 'returned':
    case 'opted_out':
    case 'opted_in':
    case 'answered':
      return null;
    default:
      return assertNever(kind, 'send event kind');
  }
}

/** Amounts are integer cents, more than zero and at most this (100 million euros): anything above is a typo. */
export const MAX_FOLLOW_UP_AMOUNT_CENTS = 10_000_000_000;

/** What a person does to a follow-up on the board (or from its card's move menu). */
export type FollowUpMove =
  | { kind: 'quote'; amountCents: number }
  | { kind: 'sale'; amountCents: number }
  | { kind: 'lost'; reason: string; competitor: string | null }
  | { kind: 'remind'; note: string | null }
  | { kind: 'reopen' };
export type FollowUpMoveKind = FollowUpMove['kind'];
export const FOLLOW_UP_MOVE_KINDS = [
  'quote',
  'sale',
  'lost',
  'remind',
  'reopen',
] as const satisfies readonly FollowUpMoveKind[];

/** The event a move records (through applySendEvents, source `follow_up`), so that the board counts it. */
export interface MoveEvent {
  kind: Extract<SendEventKind, 'quoted' | 'sold' | 'reminded' | 'lost'>;
  amountCents: number | null;
}

export type MovePlan =
  | { ok: true; to: FollowUpStage; event: MoveEvent | null }
  | { ok: false; message: string };

const refuse = (from: FollowUpStage, move: FollowUpMoveKind): MovePlan => ({
  ok: false,
  message: `A follow-up at the ${from} stage cannot take "${move}" (${allowedMoves(from).join(', ') || 'no move'} only).`,
});

/** The moves a follow-up at this stage can take: sale is final; lost can only be reopened. */
export function allowedMoves(from: FollowUpStage): FollowUpMoveKind[] {
  switch (from) {
    case 'response':
      return ['quote', 'sale', 'lost', 'remind'];
    case 'quote':
      return ['sale', 'lost', 'remind'];
    case 'sale':
      return [];
    case 'lost':
      return ['reopen'];
    default:
      return assertNever(from, 'follow-up stage');
  }
}

/**
 * Where a move takes a follow-up and the event it records: quote → `quoted` with its amount, sale → `sold` with
 * its amount, lost → `lost`, a reminder made → `reminded` (the stage stays), reopen (a lost follow-up back to the
 * response column) → no event (what was recorded stays recorded).
 */
export function planMove(from: FollowUpStage, move: FollowUpMove): MovePlan {
  if (!allowedMoves(from).includes(move.kind)) return refuse(from, move.kind);
  switch (move.kind) {
    case 'quote':
      return { ok: true, to: 'quote', event: { kind: 'quoted', amountCents: move.amountCents } };
    case 'sale':
      return { ok: true, to: 'sale', event: { kind: 'sold', amountCents: move.amountCents } };
    case 'lost':
      return { ok: true, to: 'lost', event: { kind: 'lost', amountCents: null } };
    case 'remind':
      return { ok: true, to: from, event: { kind: 'reminded', amountCents: null } };
    case 'reopen':
      return { ok: true, to: 'response', event: null };
    default:
      return assertNever(move, 'follow-up move');
  }
}

/** The move that takes a card to another column of the board (drag and drop), or null when it is the same one. */
export function moveKindToColumn(from: FollowUpStage, to: FollowUpStage): FollowUpMoveKind | null {
  if (from === to) return null;
  switch (to) {
    case 'response':
      return 'reopen';
    case 'quote':
      return 'quote';
    case 'sale':
      return 'sale';
    case 'lost':
      return 'lost';
    default:
      return assertNever(to, 'follow-up stage');
  }
}
