// The collapsed live view on a terminal (see progress-summary.ts for what it
// shows): redrawn in place at most ten times a second, each time erasing the
// rows it drew last (they never wrap: every line is clipped to the width).

import type { RunObserver } from '../run/observer.js';
import type { RunMode } from '../run/report.js';
import { type HostProgress, type ProgressState, summaryLines } from './progress-summary.js';

export interface Screen {
  rows: number;
  cols: number;
  write(text: string): void;
}

const FRAME_MS = 100;

export function summaryObserver(
  hosts: string[],
  mode: RunMode,
  cluster: string,
  screen: Screen,
): { observer: RunObserver; say(line: string): void; finish(): void } {
  const state: ProgressState = { mode, cluster, hosts: new Map(hosts.map((h): [string, HostProgress] => [h, { phase: 'waiting' }])) };
  let drawn = 0;
  let timer: NodeJS.Timeout | null = null;
  const draw = () => {
    timer = null;
    const lines = summaryLines(state, screen);
    // up to the first row drawn last time (cursor up, column 1), erase to the end of the screen, draw again
    screen.write(`${erase()}${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  const changed = () => {
    if (!timer) timer = setTimeout(draw, FRAME_MS);
  };
  const update = (host: string, patch: Partial<HostProgress>) => {
    const h = state.hosts.get(host);
    if (h) Object.assign(h, patch);
    changed();
  };
  // the view's rows, from the first one drawn: redrawn in place, or erased to write a line above them
  const erase = () => `${drawn ? `\x1b[${drawn}A\r` : ''}\x1b[0J`;
  draw();
  const observer: RunObserver = {
    hostStarted(host) {
      update(host, { phase: 'running' });
    },
    taskStarted(host, task) {
      update(host, { task });
    },
    taskEnded(host, r) {
      if (r.status === 'failed') update(host, { failure: `${r.task}: ${r.error ?? 'failed'}` });
    },
    rollbackStarted(host) {
      update(host, { task: 'rolling back' });
    },
    note() {},
    hostEnded(r) {
      const phase = r.status;
      // a host's error names the host first ("web027: cannot connect ..."): the view names it already
      const own = (text: string) => (text.startsWith(`${r.host}: `) ? text.slice(r.host.length + 2) : text);
      const failure =
        state.hosts.get(r.host)?.failure ?? (r.status === 'unreachable' || r.status === 'failed' ? own(r.error ?? r.status) : undefined);
      update(r.host, { phase, task: undefined, ...(failure !== undefined ? { failure } : {}) });
    },
  };
  return {
    observer,
    // a line that stays (e.g. "SIGINT: stopping"): written where the view was, the view drawn again under it, so the
    // redraw's row count stays right (a line written to the terminal beside the view would be drawn over or left
    // in the middle of it)
    say(line) {
      if (timer) clearTimeout(timer);
      screen.write(`${erase()}${line}\n`);
      drawn = 0;
      draw();
    },
    finish() {
      if (timer) clearTimeout(timer);
      draw();
    },
  };
}
