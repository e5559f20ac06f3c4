// What `systemctl show TIMER` says, made readable: the timer's next run. A
// calendar timer (OnCalendar=) has NextElapseUSecRealtime, printed as a wall
// time. A monotonic one (OnBootSec=, OnUnitActiveSec=, what --every DURATION
// writes) has only NextElapseUSecMonotonic, printed as a time span since the
// boot (CLOCK_MONOTONIC), e.g. "23min 32.154528s": it becomes a wall time by
// the monotonic and wall clocks read together now.

/** systemd's format_timespan units, in seconds. */
const UNIT_SECONDS: Record<string, number> = {
  y: 31_557_600,
  month: 2_629_800,
  w: 604_800,
  d: 86_400,
  h: 3_600,
  min: 60,
  s: 1,
  ms: 1e-3,
  us: 1e-6,
};

/** A systemd time span ("1d 2h 3min 4.5s", "0") in microseconds; null when not one (e.g. "infinity", ""). */
export function parseTimespanUsec(text: string): number | null {
  const t = text.trim();
  if (t === '0') return 0;
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)(month|min|ms|us|y|w|d|h|s)(?:\s+|$)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== t) return null;
  return Math.round(parts.reduce((usec, [, n, unit]) => usec + Number(n) * UNIT_SECONDS[unit]! * 1e6, 0));
}

export interface ClockPair {
  /** CLOCK_MONOTONIC now, microseconds (the clock systemd's monotonic timers use) */
  monotonicUsec: number;
  /** the wall clock at the same moment, ms since the epoch */
  wallMs: number;
}

/**
 * The next run from the timer's properties: the wall time systemd prints for a
 * calendar timer as it is, else the monotonic elapse as an ISO 8601 time (UTC,
 * whole seconds); null when systemd has none (timer stopped, or n/a).
 */
export function nextRunOf(props: Record<string, string>, now: ClockPair): string | null {
  const realtime = props.NextElapseUSecRealtime;
  if (realtime && realtime !== 'n/a' && realtime !== '0') return realtime;
  const monotonic = parseTimespanUsec(props.NextElapseUSecMonotonic ?? '');
  if (!monotonic) return null; // 0: no monotonic elapse
  const at = now.wallMs + (monotonic - now.monotonicUsec) / 1000;
  return `${new Date(Math.round(at / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
