// --every: how often the scheduled check runs.
//
// A duration (90s, 15m, 1h30m, 2d) becomes a monotonic timer: OnBootSec for
// the first run, OnUnitActiveSec for the next ones, so runs keep their spacing
// whatever the wall clock does. hourly, daily and weekly become OnCalendar=
// with Persistent=true, where a run missed while the machine was off happens
// at the next boot (Persistent= only applies to OnCalendar=).

import { UserError } from '../errors.js';
import { quoted } from '../terminal-text.js';

export type Calendar = 'hourly' | 'daily' | 'weekly';

export type Schedule = { kind: 'interval'; seconds: number } | { kind: 'calendar'; calendar: Calendar; seconds: number };

/** A check reads every host over SSH: more often than this mostly measures itself. */
export const MIN_INTERVAL_SECONDS = 60;
export const MAX_INTERVAL_SECONDS = 365 * 86_400;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };
const CALENDARS: Record<Calendar, number> = { hourly: 3_600, daily: 86_400, weekly: 7 * 86_400 };
const EXAMPLES = 'e.g. 15m, 90s, 1h30m, 2d, or hourly, daily, weekly';

export function parseEvery(value: string): Schedule {
  const text = value.trim().toLowerCase();
  if (text === '') throw new UserError('--every is empty', { hint: `give how often to check, ${EXAMPLES}` });
  if (Object.hasOwn(CALENDARS, text)) return { kind: 'calendar', calendar: text as Calendar, seconds: CALENDARS[text as Calendar] };
  if (/^\d+$/.test(text))
    throw new UserError(`--every ${quoted(value)} has no unit`, { hint: `write ${text}s or ${text}m (units: s, m, h, d)` });
  // one or more <number><unit> parts, each unit at most once, largest first
  const parts = [...text.matchAll(/(\d+)([a-z]+)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new UserError(`--every ${quoted(value)} is not a duration`, { hint: EXAMPLES });
  }
  let seconds = 0;
  let previous = Infinity;
  for (const [, digits, unit] of parts) {
    const size = Object.hasOwn(UNIT_SECONDS, unit) ? UNIT_SECONDS[unit] : undefined; // "5constructor" is an unknown unit
    if (size === undefined)
      throw new UserError(`--every ${quoted(value)}: unknown unit ${quoted(unit)}`, { hint: `units are s, m, h and d; ${EXAMPLES}` });
    if (size >= previous) throw new UserError(`--every ${quoted(value)}: write the units largest first, each once`, { hint: 'e.g. 1h30m' });
    previous = size;
    seconds += Number(digits) * size;
  }
  if (seconds < MIN_INTERVAL_SECONDS) {
    throw new UserError(`--every ${quoted(value)} is too short: a check connects to every host, run it at most once a minute`, {
      hint: 'use 1m or more',
    });
  }
  if (seconds > MAX_INTERVAL_SECONDS) throw new UserError(`--every ${quoted(value)} is longer than a year`, { hint: 'use 365d or less' });
  return { kind: 'interval', seconds };
}

/** Seconds as a systemd time span, largest units first: 5400 -> "1h 30min". */
export function timespan(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds < 0) throw new RangeError(`timespan: ${seconds} is not a whole number of seconds`);
  if (seconds === 0) return '0';
  const out: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out.push(`${n}${unit}`);
    rest -= n * size;
  }
  return out.join(' ');
}

/** How the schedule reads in a description: "every 15min", "daily". */
export function describeSchedule(s: Schedule): string {
  return s.kind === 'calendar' ? s.calendar : `every ${timespan(s.seconds)}`;
}
