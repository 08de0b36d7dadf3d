import { networkFailure, retryAfterMs } from '../http-failure';
import type { BatchFailure } from '../result';
import type { Postage, PostalAddress } from './postal-message';

/** A print-and-mail order: the PDF, who gets which page, and a key that makes resending it harmless. */
export interface PrintOrder {
  /** the same key for the same order: the mail house prints it once however often it is sent */
  idempotencyKey: string;
  reference: string;
  postage: Postage;
  letters: { recipientRef: string; address: PostalAddress; page: number }[];
  document: { pdf: Buffer; pages: number };
}

export type PrintSubmission = { kind: 'accepted'; batchId: string; replayed: boolean } | BatchFailure;

/** A print-and-mail API (Maileva, Merci Facteur, a local mail house...): one implementation per provider. */
export interface PrintAndMailApi {
  provider: string;
  submit(order: PrintOrder): Promise<PrintSubmission>;
}

export interface MailhouseApiConfig {
  /** the API's base URL (the sandbox's: http://127.0.0.1:3001) */
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

/**
 * The mail house API the sandbox speaks: `POST /mailhouse/batches` with a Bearer key, an Idempotency-Key and a
 * JSON manifest carrying the PDF. Because of the key, a request that timed out is sent once more at once with
 * the same key (the mail house answers the first answer again, nothing is printed twice); only when that fails
 * too is the outcome unknown.
 */
export function createMailhouseApi(config: MailhouseApiConfig): PrintAndMailApi {
  const post = async (order: PrintOrder, body: string): Promise<PrintSubmission> => {
    let res: Response;
    try {
      res = await fetch(`${config.baseUrl.replace(/\/$/, '')}/mailhouse/batches`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${config.apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': order.idempotencyKey,
        },
        body,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (err) {
      return networkFailure('The mail house', err);
    }
    const answer = (await res.json().catch(() => ({}))) as {
      id?: string;
      message?: string;
      error?: string;
      issues?: { path: string; message: string }[];
    };
    const detail = `the mail house answered ${res.status}: ${
      answer.issues?.map((i) => `${i.path}: ${i.message}`).join('; ') ||
      answer.message ||
      answer.error ||
      'no detail'
    }`;
    if (res.ok && answer.id)
      return {
        kind: 'accepted',
        batchId: answer.id,
        replayed: res.headers.get('idempotent-replayed') === 'true',
      };
    const wait = retryAfterMs(Object.fromEntries(res.headers));
    if (res.status === 429 || res.status >= 500)
      return { kind: 'retryable', reason: detail, retryAfterMs: wait };
    if (res.status === 401 || res.status === 403)
      return {
        kind: 'retryable',
        reason: `${detail} (check MAILHOUSE_API_KEY)`,
        retryAfterMs: wait ?? 60_000,
      };
    return { kind: 'permanent', reason: detail };
  };
  return {
    provider: 'mailhouse',
    async submit(order) {
      const body = JSON.stringify({
        reference: order.reference,
        postage: order.postage,
        letters: order.letters.map((l) => ({
          recipientRef: l.recipientRef,
          page: l.page,
          address: {
            name: l.address.name,
            line1: l.address.company ? l.address.company : l.address.line1,
            line2: l.address.company
              ? [l.address.line1, l.address.line2].filter(Boolean).join(', ')
              : l.address.line2,
            postalCode: l.address.postalCode,
            city: l.address.city,
            country: (l.address.country ?? 'FR').toUpperCase(),
          },
        })),
        document: {
          contentType: 'application/pdf',
          base64: order.document.pdf.toString('base64'),
          pages: order.document.pages,
        },
      });
      const first = await post(order, body);
      if (first.kind !== 'unknown') return first;
      const again = await post(order, body);
      return again.kind === 'retryable' ? first : again;
    },
  };
}
