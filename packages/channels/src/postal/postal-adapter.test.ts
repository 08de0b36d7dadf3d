import { generateTrackingCode } from '@relance/domain/tracking-code';
import { type RunningSandbox, startSandbox } from '@relance/sandbox/server';
import { compileLetter } from '@relance/templates/letter';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMailhouseApi } from './mailhouse-api';
import { createPostalAdapter, type PostalArtifactStore } from './postal-adapter';
import type { OutgoingLetter } from './postal-message';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await fetch(`${sandbox.url}/sandbox/reset`, { method: 'POST' });
});

const letter = compileLetter(
  {
    sender: { name: 'Boulangerie Martin', addressLines: ['8 place Bellecour', '69002 Lyon'] },
    hook: '{{civility|Madame, Monsieur}}, votre pain du dimanche nous manque !',
    body: 'Votre offre : {{offer}}.',
  },
  { date: new Date('2026-11-22T10:00:00Z') },
);

function letterTo(i: number, extra: Partial<OutgoingLetter> = {}): OutgoingLetter {
  const code = generateTrackingCode();
  return {
    channel: 'postal',
    sendId: `p${i}`,
    letter,
    address: {
      name: `Madame Claire Martin ${i}`,
      line1: `${i} rue des Lilas`,
      postalCode: '69003',
      city: 'Lyon',
    },
    values: {
      civility: 'Madame',
      offer: '-20 %',
      trackingCode: code,
      trackingUrl: `https://r.example/c/${code}`,
    },
    reference: 'campaign-42-step-1',
    ...extra,
  };
}

function adapterWith(timeoutMs = 10_000) {
  const saved: Parameters<PostalArtifactStore['save']>[0][] = [];
  const adapter = createPostalAdapter({
    api: createMailhouseApi({ baseUrl: sandbox.url, apiKey: 'mh-key', timeoutMs }),
    artifacts: { save: async (files) => void saved.push(files) },
  });
  return { adapter, saved };
}

interface Batch {
  id: string;
  to: string[];
  payload: {
    idempotencyKey: string;
    document: { pages: number; bytes: number };
    letters: { page: number }[];
  };
}
const batches = () => sandbox.store.list('mailhouse') as unknown as Batch[];

describe('postal adapter against the sandbox mail house', () => {
  it('prints a batch into one PDF with its CSV manifest, keeps them, and orders it with an idempotency key', async () => {
    const { adapter, saved } = adapterWith();
    const letters = [letterTo(1), letterTo(2), letterTo(3)];
    const results = await adapter.sendBatch(letters);
    const batchId = batches()[0]?.id;
    expect(batchId).toMatch(/^MB/);
    expect(results).toEqual(
      letters.map((l) => ({ kind: 'accepted', sendId: l.sendId, providerId: batchId })),
    );

    const [files] = saved;
    const { totalPages, text } = await extractText(new Uint8Array(files!.pdf));
    expect(totalPages).toBe(3);
    letters.forEach((l, i) => {
      expect(text[i]).toContain(`Madame Claire Martin ${i + 1}`);
      expect(text[i]).toContain(l.values.trackingCode);
    });
    const csv = files!.csv.trim().split('\r\n');
    expect(csv[0]).toBe(
      'send_id;page;tracking_code;name;company;line1;line2;postal_code;city;country;postage',
    );
    expect(csv[2]).toBe(
      `p2;2;${letters[1]!.values.trackingCode};Madame Claire Martin 2;;2 rue des Lilas;;69003;Lyon;FR;lettre-verte`,
    );

    const [batch] = batches();
    expect(batch?.to).toEqual(['p1', 'p2', 'p3']);
    expect(batch?.payload.document).toMatchObject({ pages: 3, bytes: files!.pdf.length });
    expect(batch?.payload.letters.map((l) => l.page)).toEqual([1, 2, 3]);
    expect(batch?.payload.idempotencyKey).toBe(files!.idempotencyKey);
  });

  it('orders a retried batch once: the same letters give the same key and the mail house replays its answer', async () => {
    const { adapter } = adapterWith();
    const letters = [letterTo(1), letterTo(2)];
    const first = await adapter.sendBatch(letters);
    const again = await adapter.sendBatch([...letters].reverse());
    expect(batches()).toHaveLength(1);
    expect(again.map((r) => (r.kind === 'accepted' ? r.providerId : r.kind))).toEqual(
      first.map((r) => (r.kind === 'accepted' ? r.providerId : r.kind)),
    );
  });

  it('leaves out a letter that cannot be printed, for good, and prints the others', async () => {
    const { adapter } = adapterWith();
    const noCode = letterTo(2);
    noCode.values = { ...noCode.values, trackingCode: '' };
    const results = await adapter.sendBatch([letterTo(1), noCode]);
    expect(results[0]?.kind).toBe('accepted');
    expect(results[1]).toMatchObject({ kind: 'permanent', reason: expect.stringContaining('trackingCode') });
    expect(batches()[0]?.to).toEqual(['p1']);
  });

  it('says retryable on 503; after a timeout it asks again with the same key and gets the batch printed once', async () => {
    const { adapter } = adapterWith(400);
    sandbox.faults.add({ provider: 'mailhouse', kind: 'server-error', status: 503, count: 1 });
    const [down] = await adapter.sendBatch([letterTo(1)]);
    expect(down).toMatchObject({ kind: 'retryable', reason: expect.stringContaining('503') });
    expect(batches()).toHaveLength(0);

    sandbox.faults.add({ provider: 'mailhouse', kind: 'timeout-after-accept', count: 1, delayMs: 5_000 });
    const [timedOut] = await adapter.sendBatch([letterTo(2)]);
    expect(timedOut).toMatchObject({ kind: 'accepted', providerId: batches()[0]?.id });
    expect(batches()).toHaveLength(1);
  });
});
