// Progress of lab commands as plain lines, one when a step starts and one
// when it ends, so it reads the same on a terminal and in a CI log (steps of
// several hosts run in parallel and interleave). The deploy engine's listr2
// renderer can replace this behind the same interface.

export interface Progress {
  /** Runs fn as a named step and reports its start, end and duration. */
  step<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /** A line of information inside the current work. */
  note(line: string): void;
}

export function lineProgress(write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Progress {
  const tty = process.stdout.isTTY === true;
  const ok = tty ? '\u2714' : 'ok';
  const fail = tty ? '\u2716' : 'FAILED';
  return {
    async step(title, fn) {
      const t0 = Date.now();
      write(`-> ${title}`);
      try {
        const result = await fn();
        write(`${ok} ${title} (${seconds(Date.now() - t0)})`);
        return result;
      } catch (err) {
        write(`${fail} ${title} (${seconds(Date.now() - t0)})`);
        throw err;
      }
    },
    note(line) {
      write(`   ${line}`);
    },
  };
}

export const silentProgress: Progress = {
  step: (_title, fn) => fn(),
  note: () => {},
};

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
