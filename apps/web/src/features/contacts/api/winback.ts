import { type ContactWinback, contactWinbackAnswer, lostReasonRecord } from '@relance/domain/api/winback';
import type { HandScoresInput } from '@relance/domain/winback/inputs';
import type { LostReason, WinbackExclusion } from '@relance/domain/winback/vocabulary';
import { api } from '../../../lib/api-client';

/** A contact's win-back as GET /api/contacts/:id/winback answers it (docs/api.md). */
export type { ContactWinback };

export interface NewLostReason {
  reason: LostReason;
  competitor?: string;
  exclusion?: WinbackExclusion | null;
  note?: string;
  lostAt?: string;
}

export function getContactWinback(id: string, signal?: AbortSignal) {
  return api(`/api/contacts/${id}/winback`, contactWinbackAnswer, { signal });
}

export function recordLostReason(id: string, body: NewLostReason) {
  return api(`/api/contacts/${id}/lost-reasons`, lostReasonRecord, { method: 'POST', body });
}

export function saveHandScores(id: string, body: HandScoresInput) {
  return api(`/api/contacts/${id}/reactivation-scores`, contactWinbackAnswer, { method: 'PUT', body });
}
