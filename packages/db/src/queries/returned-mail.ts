import { codeCandidate } from '@relance/domain/tracking/code-input';
import type { ReturnedLineStatus } from '@relance/domain/tracking/returned-mail';
import type { Db } from '../client';
import { applySendEvents, sendsByCodes } from './send-events-apply';

// what became of one returned letter: the statuses are the domain's (the API answer and the web app share them)
export { RETURNED_LINE_STATUSES, type ReturnedLineStatus } from '@relance/domain/tracking/returned-mail';

export interface ReturnedLine {
  /** the line of the file (or the scan's number) */
  line: number;
  input: string;
}

export interface ReturnedLineResult extends ReturnedLine {
  code: string | null;
  status: ReturnedLineStatus;
  sendId: number | null;
}

/** At most this many codes are recorded per statement. */
const CHUNK = 5_000;

/**
 * Records returned mail (NPAI) for codes typed, scanned or read from the mail house's file: each letter found
 * gets one `returned` event through applySendEvents (source npai, source id = the send's id: a letter comes back
 * once, so the same code scanned twice or uploaded again is recorded once), which suppresses its postal address.
 * Set-based: one lookup and one recording per 5,000 codes. Each line gets its own answer; bad lines never block the
 * good ones.
 */
export async function recordReturnedMail(
  db: Db,
  lines: readonly ReturnedLine[],
  by: { userId: string | null; file?: string | null },
): Promise<ReturnedLineResult[]> {
  const results: ReturnedLineResult[] = [];
  for (let start = 0; start < lines.length; start += CHUNK) {
    results.push(...(await recordChunk(db, lines.slice(start, start + CHUNK), by)));
  }
  return results;
}

async function recordChunk(
  db: Db,
  lines: readonly ReturnedLine[],
  by: { userId: string | null; file?: string | null },
): Promise<ReturnedLineResult[]> {
  const candidates = lines.map((l) => codeCandidate(l.input));
  const sends = await sendsByCodes(
    db,
    candidates.flatMap((c) => (c.kind === 'tracking' ? [c.code] : [])),
  );
  const letters = new Map<number, ReturnedLine>();
  for (const [i, c] of candidates.entries()) {
    const send = c.kind === 'tracking' ? sends.get(c.code) : undefined;
    if (send?.channel === 'postal' && !letters.has(send.sendId)) letters.set(send.sendId, lines[i]!);
  }
  const applied = await applySendEvents(
    db,
    [...letters].map(([sendId, line]) => ({
      sendId,
      kind: 'returned' as const,
      source: 'npai' as const,
      sourceId: String(sendId),
      detail: { by: by.userId, line: line.line, ...(by.file ? { file: by.file } : {}) },
    })),
  );
  const fresh = new Set(applied.events.map((e) => e.sendId));
  const answered = new Set<number>();
  return lines.map((line, i): ReturnedLineResult => {
    const c = candidates[i]!;
    if (c.kind !== 'tracking') {
      return { ...line, code: null, status: c.kind === 'typo' ? 'typo' : 'unknown', sendId: null };
    }
    const send = sends.get(c.code);
    if (!send) return { ...line, code: c.code, status: 'unknown', sendId: null };
    if (send.channel !== 'postal')
      return { ...line, code: c.code, status: 'not_postal', sendId: send.sendId };
    const status = fresh.has(send.sendId) && !answered.has(send.sendId) ? 'recorded' : 'already_recorded';
    answered.add(send.sendId);
    return { ...line, code: c.code, status, sendId: send.sendId };
  });
}
