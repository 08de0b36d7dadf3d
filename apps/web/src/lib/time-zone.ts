/** Dates are stored in UTC and shown in the workspace's time zone. */
export const WORKSPACE_TIME_ZONE = 'Europe/Paris';

/** Minutes to add to UTC to get the wall time in `timeZone` at instant `ms`. */
function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * A `datetime-local` value ("2026-03-10T09:30") read as wall time in the workspace's time zone, whatever
 * the browser's own zone, as an ISO instant. Undefined when the value is not a date and time.
 */
export function workspaceLocalToIso(value: string, timeZone = WORKSPACE_TIME_ZONE): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  let ms = asUtc - zoneOffsetMinutes(asUtc, timeZone) * 60_000;
  // around a DST change the offset at the guess may differ from the offset at the answer
  const again = asUtc - zoneOffsetMinutes(ms, timeZone) * 60_000;
  if (again !== ms) ms = again;
  return new Date(ms).toISOString();
}
