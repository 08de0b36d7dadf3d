import { createHash } from 'node:crypto';
import { chunk, groupBy } from '../concurrency';
import { failEach, type SendResult } from '../result';
import type { PrintAndMailApi } from './mailhouse-api';
import type { OutgoingLetter } from './postal-message';
import { renderPrintBatch } from './print-batch';

/**
 * Where a batch's files go before they leave for the mail house: the engine keeps them downloadable on the
 * campaign (the adapter itself never touches the database).
 */
export interface PostalArtifactStore {
  save(files: {
    idempotencyKey: string;
    reference: string;
    pdf: Buffer;
    csv: string;
    sendIds: string[];
  }): Promise<void>;
}

export interface PostalConfig {
  api: PrintAndMailApi;
  artifacts?: PostalArtifactStore;
  /** letters per print order (and PDF) */
  maxLettersPerBatch?: number;
}

export interface PostalAdapter {
  channel: 'postal';
  provider: string;
  sendBatch(messages: ReadonlyArray<OutgoingLetter>): Promise<SendResult[]>;
}

/** The same letters of the same batch give the same key: a retried job cannot print them twice. */
export function printOrderKey(reference: string, sendIds: readonly string[]): string {
  const digest = createHash('sha256')
    .update(`${reference}\n${[...sendIds].sort().join('\n')}`)
    .digest('base64url');
  return `relance-${digest.slice(0, 40)}`;
}

/**
 * Postal mail: the letters of a batch (one compiled letter, one reference, one postage) are rendered into one
 * print-ready PDF with its CSV manifest, saved, then ordered from the print-and-mail API with an idempotency key.
 */
export function createPostalAdapter(config: PostalConfig): PostalAdapter {
  const perBatch = config.maxLettersPerBatch ?? 500;
  async function order(batch: OutgoingLetter[], out: Map<string, SendResult>) {
    const files = await renderPrintBatch(batch);
    for (const [sendId, reason] of files.refused)
      out.set(sendId, { kind: 'permanent', sendId, reason: `the letter cannot be printed: ${reason}` });
    if (files.printed.length === 0) return;
    const first = files.printed[0]!.message;
    const sendIds = files.printed.map((p) => p.message.sendId);
    const idempotencyKey = printOrderKey(first.reference, sendIds);
    try {
      await config.artifacts?.save({
        idempotencyKey,
        reference: first.reference,
        pdf: files.pdf,
        csv: files.csv,
        sendIds,
      });
    } catch (err) {
      const reason = `the batch files could not be saved: ${err instanceof Error ? err.message : String(err)}`;
      for (const r of failEach(sendIds, { kind: 'retryable', reason })) out.set(r.sendId, r);
      return;
    }
    const submission = await config.api.submit({
      idempotencyKey,
      reference: first.reference,
      postage: first.postage ?? 'lettre-verte',
      letters: files.printed.map((p) => ({
        recipientRef: p.message.sendId,
        address: p.message.address,
        page: p.page,
      })),
      document: { pdf: files.pdf, pages: files.pages },
    });
    const results =
      submission.kind === 'accepted'
        ? sendIds.map((sendId): SendResult => ({ kind: 'accepted', sendId, providerId: submission.batchId }))
        : failEach(sendIds, submission);
    for (const r of results) out.set(r.sendId, r);
  }
  return {
    channel: 'postal',
    provider: config.api.provider,
    async sendBatch(messages) {
      const out = new Map<string, SendResult>();
      const groups = groupBy(messages, (m) => `${m.reference}\u0000${m.postage ?? 'lettre-verte'}`);
      const bySendId = (a: OutgoingLetter, b: OutgoingLetter) =>
        a.sendId < b.sendId ? -1 : a.sendId > b.sendId ? 1 : 0;
      for (const group of groups.values()) {
        for (const sameLetter of groupBy(group, (m) => m.letter).values()) {
          // in send id order: a retried job makes the same orders whatever the order it was given
          for (const batch of chunk([...sameLetter].sort(bySendId), perBatch)) await order(batch, out);
        }
      }
      return messages.map((m) => out.get(m.sendId)!);
    },
  };
}
