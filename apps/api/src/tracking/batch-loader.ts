/**
 * Loads by key, many at once: the keys asked for during one turn of the event loop go to the database in ONE
 * query (and the same key asked twice is one), so that under load the tracked links' cache misses share round
 * trips instead of queueing for the pool's connections one by one. At most `maxInFlight` queries run at once:
 * the keys asked for meanwhile wait for the next one and go together, so the busier the API, the larger (and the
 * fewer) its queries; when it is quiet, a miss is one query at once.
 */
export function createBatchLoader<V>(
  fetch: (keys: string[]) => Promise<Map<string, V>>,
  maxBatch = 500,
  maxInFlight = 2,
): (key: string) => Promise<V | null> {
  let waiting = new Map<string, { resolve: (v: V | null) => void; reject: (e: unknown) => void }[]>();
  let scheduled = false;
  let inFlight = 0;

  const schedule = () => {
    if (scheduled || inFlight >= maxInFlight || waiting.size === 0) return;
    scheduled = true;
    setImmediate(() => void run());
  };

  const run = async () => {
    scheduled = false;
    const batch = waiting;
    waiting = new Map();
    const keys = [...batch.keys()];
    inFlight++;
    try {
      for (let i = 0; i < keys.length; i += maxBatch) {
        const part = keys.slice(i, i + maxBatch);
        try {
          const found = await fetch(part);
          for (const key of part) for (const w of batch.get(key)!) w.resolve(found.get(key) ?? null);
        } catch (err) {
          for (const key of part) for (const w of batch.get(key)!) w.reject(err);
        }
      }
    } finally {
      inFlight--;
      schedule();
    }
  };

  return (key) =>
    new Promise<V | null>((resolve, reject) => {
      const list = waiting.get(key);
      if (list) list.push({ resolve, reject });
      else waiting.set(key, [{ resolve, reject }]);
      schedule();
    });
}
