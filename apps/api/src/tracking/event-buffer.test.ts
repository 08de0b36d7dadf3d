import type { SendEventInput } from '@relance/db/queries/send-events-apply';
import { expect, it } from 'vitest';
import { EventBuffer } from './event-buffer';

const click = (i: number): SendEventInput => ({
  sendId: i,
  kind: 'clicked',
  source: 'link',
  sourceId: `c${i}`,
});

it('writes events in batches of at most maxEvents, one write at a time, and what waits on close', async () => {
  const writes: number[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const buffer = new EventBuffer(
    async (events) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      writes.push(events.map((e) => e.sendId));
      inFlight--;
    },
    { maxEvents: 3, maxBatch: 3, intervalMs: 10_000 },
  );
  for (let i = 1; i <= 7; i++) buffer.add(click(i));
  await buffer.close();
  expect(writes).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  expect(maxInFlight).toBe(1);
  expect(buffer.waiting).toBe(0);
});

it('flushes after the interval without reaching the batch size', async () => {
  const writes: number[][] = [];
  const buffer = new EventBuffer(async (events) => void writes.push(events.map((e) => e.sendId)), {
    intervalMs: 20,
  });
  buffer.add(click(1));
  buffer.add(click(2));
  expect(writes).toEqual([]);
  await new Promise((r) => setTimeout(r, 80));
  expect(writes).toEqual([[1, 2]]);
});

it('keeps events whose write failed for the next flush, and drops beyond maxPending', async () => {
  let fail = true;
  const written: number[] = [];
  const logs: string[] = [];
  const buffer = new EventBuffer(
    async (events) => {
      if (fail) throw new Error('database down');
      written.push(...events.map((e) => e.sendId));
    },
    { intervalMs: 10_000, maxPending: 3, log: (m) => logs.push(m) },
  );
  buffer.add(click(1));
  buffer.add(click(2));
  await buffer.flush();
  expect(logs[0]).toContain('database down');
  expect(buffer.waiting).toBe(2);
  buffer.add(click(3));
  buffer.add(click(4));
  expect(buffer.dropped).toBe(1);
  fail = false;
  await buffer.close();
  expect(written).toEqual([1, 2, 3]);
});

it('writes a backlog in batches of up to maxBatch', async () => {
  const writes: number[] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const buffer = new EventBuffer(
    async (events) => {
      if (writes.length === 0) await gate;
      writes.push(events.length);
    },
    { maxEvents: 2, maxBatch: 5, intervalMs: 10_000 },
  );
  for (let i = 1; i <= 2; i++) buffer.add(click(i));
  await new Promise((r) => setTimeout(r, 5)); // the first write (2 events) is under way and slow
  for (let i = 3; i <= 14; i++) buffer.add(click(i));
  release();
  await buffer.close();
  expect(writes).toEqual([2, 5, 5, 2]);
});

it('makes callers wait for room while writes succeed but lag, instead of dropping clicks', async () => {
  const written: number[] = [];
  let release: () => void = () => {};
  let gate = new Promise<void>((r) => {
    release = r;
  });
  const buffer = new EventBuffer(
    async (events) => {
      await gate;
      written.push(...events.map((e) => e.sendId));
    },
    { maxEvents: 2, maxBatch: 100, maxPending: 4, intervalMs: 10_000 },
  );
  expect(buffer.room()).toBeUndefined();
  buffer.add(click(1));
  buffer.add(click(2)); // a write of [1, 2] starts and hangs
  await new Promise((r) => setTimeout(r, 5));
  for (let i = 3; i <= 7; i++) buffer.add(click(i));
  const wait = buffer.room();
  expect(wait).toBeInstanceOf(Promise);
  let done = false;
  void wait!.then(() => {
    done = true;
  });
  await new Promise((r) => setTimeout(r, 5));
  expect(done).toBe(false);
  // past maxPending but under twice as much, while writes succeed: kept, not dropped
  buffer.add(click(8));
  expect(buffer.dropped).toBe(0);
  gate = Promise.resolve();
  release();
  await buffer.close();
  expect(done).toBe(true);
  expect(written).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  expect(buffer.room()).toBeUndefined();
});
