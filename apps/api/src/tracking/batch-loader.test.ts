import { expect, it } from 'vitest';
import { createBatchLoader } from './batch-loader';

it('groups the keys of one turn in one query, and those asked while queries run in the next one', async () => {
  const queries: string[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const load = createBatchLoader<string>(
    async (keys) => {
      queries.push(keys);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return new Map(keys.filter((k) => k !== 'unknown').map((k) => [k, k.toUpperCase()]));
    },
    500,
    2,
  );
  const first = [load('a'), load('b'), load('a')];
  await new Promise((r) => setImmediate(r));
  const second = [load('c')];
  await new Promise((r) => setImmediate(r));
  // two queries run: these wait, then go together
  const third = [load('d'), load('unknown')];
  await new Promise((r) => setImmediate(r));
  const fourth = [load('e')];
  expect(await Promise.all([...first, ...second, ...third, ...fourth])).toEqual([
    'A',
    'B',
    'A',
    'C',
    'D',
    null,
    'E',
  ]);
  expect(queries).toEqual([['a', 'b'], ['c'], ['d', 'unknown', 'e']]);
  expect(maxInFlight).toBe(2);
});

it('rejects the callers of a failed query, and loads again afterwards', async () => {
  let fail = true;
  const load = createBatchLoader<number>(async (keys) => {
    if (fail) throw new Error('database down');
    return new Map(keys.map((k) => [k, k.length]));
  });
  await expect(load('abc')).rejects.toThrow('database down');
  fail = false;
  expect(await load('abcd')).toBe(4);
});
