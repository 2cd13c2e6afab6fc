// Wall-clock time in the region (Europe/Amsterdam) to an instant and back. Planners type a date
// and a time as they read it on the clock; the last Sunday of March has no 02:00–03:00 and the
// last Sunday of October has it twice, so the conversion must say which.
export const ZONE = 'Europe/Amsterdam';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
});

export type Wall = { date: string; time: string; weekday: number };

/** The wall clock in Amsterdam at an instant: date "YYYY-MM-DD", time "HH:MM", weekday 0 = Monday. */
export function toWall(at: Date): Wall {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday!);
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, weekday };
}

function offsetAt(ms: number): number {
  const w = toWall(new Date(ms));
  const [y, m, d] = w.date.split('-').map(Number) as [number, number, number];
  const [h, mi] = w.time.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, h, mi) - Math.floor(ms / 60_000) * 60_000;
}

export type FromWall = { ok: true; at: Date } | { ok: false; reason: 'invalid' | 'nonexistent' };

/**
 * The instant a planner means by a date and time on the Amsterdam clock. A time that does not exist
 * (the hour skipped in March) is refused; a time that exists twice (October) is the first of the two,
 * which is what a person who reads their clock that night would see first.
 */
export function fromWall(date: string, time: string): FromWall {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dm || !tm) return { ok: false, reason: 'invalid' };
  const [y, m, d, h, mi] = [dm[1], dm[2], dm[3], tm[1], tm[2]].map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, m - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return { ok: false, reason: 'invalid' };
  const offsets = new Set([offsetAt(wall - 12 * 3_600_000), offsetAt(wall + 12 * 3_600_000)]);
  const valid = [...offsets].map((o) => wall - o).filter((t) => offsetAt(t) === wall - t);
  if (valid.length === 0) return { ok: false, reason: 'nonexistent' };
  return { ok: true, at: new Date(Math.min(...valid)) };
}
