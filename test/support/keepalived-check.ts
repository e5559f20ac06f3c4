// Runs Debian's keepalived config checker on a rendered config:
//   keepalived -t -l -e -f FILE
// -t only parses (checked with strace: one process, netlink GET dumps only,
// no fork, nothing written). -e makes a missing file an error (rc 4) instead
// of a silent 0. -l prints warnings to the console.
//
// -t warns about interfaces missing on the machine it runs on, so the check
// runs inside a throwaway network namespace holding exactly the interfaces the
// config names (bridges: this kernel has no dummy module). The result then
// depends on the config only, not on the machine's NICs.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, tryRun } from '../../lib/lab/local-command.js';

export const KEEPALIVED = '/usr/sbin/keepalived';

export interface CheckResult {
  code: number;
  output: string;
}

export class KeepalivedChecker {
  readonly ns = `lvsplay-kt-${process.pid}`;
  #dir = '';
  readonly #links = new Set<string>();
  #count = 0;

  async setup(): Promise<void> {
    this.#dir = mkdtempSync(join(tmpdir(), 'lvsplay-kt-'));
    await run('ip', ['netns', 'add', this.ns]);
  }

  async teardown(): Promise<void> {
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
    await run('ip', ['netns', 'del', this.ns]).catch(() => undefined);
  }

  /**
   * `files`: files the config names that must exist where it names them (the
   * notify script under /etc/keepalived). They are put on a tmpfs mounted over
   * /etc/keepalived inside `ip netns exec`'s own mount namespace, which is a
   * slave of the machine's: the machine's /etc/keepalived is never touched.
   */
  async check(
    text: string,
    interfaces: Iterable<string>,
    files: { path: string; content: string; mode: number }[] = [],
  ): Promise<CheckResult> {
    for (const name of interfaces) await this.#link(name);
    const file = join(this.#dir, `keepalived-${++this.#count}.conf`);
    writeFileSync(file, text);
    const staged = files.map((f, i) => {
      if (!f.path.startsWith('/etc/keepalived/')) throw new Error(`KeepalivedChecker: ${f.path} is not under /etc/keepalived`);
      const local = join(this.#dir, `file-${this.#count}-${i}`);
      writeFileSync(local, f.content);
      return `cp ${local} ${f.path} && chmod ${f.mode.toString(8)} ${f.path}`;
    });
    const argv = staged.length
      ? [
          'netns',
          'exec',
          this.ns,
          'sh',
          '-c',
          `mount -t tmpfs -o mode=0755 lvsplay-kt /etc/keepalived && ${staged.join(' && ')} && exec ${KEEPALIVED} -t -l -e -f ${file}`,
        ]
      : ['netns', 'exec', this.ns, KEEPALIVED, '-t', '-l', '-e', '-f', file];
    const { code, stdout, stderr } = await tryRun('ip', argv);
    return { code, output: stdout + stderr };
  }

  async #link(name: string): Promise<void> {
    if (this.#links.has(name)) return;
    await run('ip', ['-n', this.ns, 'link', 'add', name, 'type', 'bridge']);
    await run('ip', ['-n', this.ns, 'link', 'set', name, 'up']);
    this.#links.add(name);
  }
}
