/**
 * Polls `url` until it answers 2xx. Gives up after `timeoutMs`, or as soon as `stillWorthWaiting()` says no
 * (a child died). Answers whether it became healthy.
 */
export async function waitForHealth(
  url: string,
  options: { timeoutMs: number; stillWorthWaiting: () => boolean; intervalMs?: number },
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline && options.stillWorthWaiting()) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.body?.cancel();
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 250));
  }
  return false;
}
