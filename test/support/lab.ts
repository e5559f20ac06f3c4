// The lab for mocha suites: useLab() in a describe brings the lab up once per
// run (memoised, so every suite that needs it shares one bring-up) and a root
// `after` hook takes it down at the end of the run, only if this run brought
// it up. Suites that take the lab down themselves (test/lab/lifecycle) call
// forgetLab() so the next useLab() brings it up again.

import { labDown } from '../../lib/lab/down.js';
import type { RunResult } from '../../lib/lab/local-command.js';
import { lineProgress } from '../../lib/lab/progress.js';
import { labSsh } from '../../lib/lab/ssh.js';
import { labStatus } from '../../lib/lab/status.js';
import { type LabUpHost, type LabUpResult, labUp } from '../../lib/lab/up.js';

/** Bring-up from a brand-new machine: prerequisites, debootstrap, packages, boot. */
export const LAB_TIMEOUT_MS = 10 * 60_000;

export const labProgress = lineProgress((line) => process.stderr.write(`      [lab] ${line}\n`));

let pending: Promise<LabUpResult> | null = null;
let broughtUpByThisRun = false;

export interface Lab {
  readonly hosts: LabUpHost[];
  host(name: string): LabUpHost;
  /** a shell command on the host as root, over OpenSSH with the lab's key and strict host-key checking */
  ssh(name: string, command: string): Promise<RunResult>;
  /** like ssh(), insisting on exit 0; resolves with stdout */
  run(name: string, command: string): Promise<string>;
}

/** Registers a before() hook that makes sure the lab is up; returns access to its hosts. */
export function useLab(): Lab {
  let result: LabUpResult | null = null;
  before(async function () {
    this.timeout(LAB_TIMEOUT_MS);
    result = await ensureLab();
  });
  const lab: Lab = {
    get hosts() {
      if (!result) throw new Error("the lab is not up yet: use the Lab inside tests, after useLab()'s before hook");
      return result.hosts;
    },
    host(name) {
      const h = lab.hosts.find((x) => x.name === name);
      if (!h) throw new Error(`no lab host ${name}`);
      return h;
    },
    ssh: (name, command) => labSsh(lab.host(name).address, command),
    async run(name, command) {
      const r = await lab.ssh(name, command);
      if (r.code !== 0) throw new Error(`${name}: "${command}" exited ${r.code}: ${r.stderr.trim()}`);
      return r.stdout;
    },
  };
  return lab;
}

/** The lab, brought up if it is not (once per run unless someone took it down since). */
export async function ensureLab(): Promise<LabUpResult> {
  if (pending) {
    const r = await pending.catch(() => null);
    if (r && (await labStatus()).up) return r;
    pending = null;
  }
  pending = (async () => {
    const wasUp = (await labStatus()).up;
    const r = await labUp({ progress: labProgress });
    if (!wasUp) broughtUpByThisRun = true;
    return r;
  })();
  return pending;
}

/** For suites that bring the lab up or down themselves: forget the memo, and take the lab down at the end. */
export function forgetLab(): void {
  pending = null;
  broughtUpByThisRun = true;
}

/** For suites that take the lab down and bring it back up as they found it: forget the memo (its PIDs are stale), nothing else. */
export function forgetLabHosts(): void {
  pending = null;
}

// root hook: registered once, when the first suite imports this module
after(async function () {
  this.timeout(LAB_TIMEOUT_MS);
  if (broughtUpByThisRun) await labDown({ progress: labProgress });
});
