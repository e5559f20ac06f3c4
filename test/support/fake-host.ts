// A host with no network (pyinfra's fixture facts, one level lower): a
// Transport that answers the one-round-trip fact script lvs-play sends
// (lib/facts/batch.ts) from fixed command outputs, and every other command
// from a handler (default: exit 0, no output). Lets gatherFacts, applyChange
// and the rollout's readHost run end to end without SSH.

import { readFileSync } from 'node:fs';
import type { FileState } from '../../lib/facts/file.js';
import { fileFact } from '../../lib/facts/file.js';
import { osReleaseFact } from '../../lib/facts/os-release.js';
import type { ServiceState } from '../../lib/facts/service.js';
import { serviceFact } from '../../lib/facts/service.js';
import type { Host } from '../../lib/inventory/types.js';
import type { ExecOptions, ExecResult, Transport } from '../../lib/ssh/transport.js';

/** What `stat` + `base64` print for a file (see fileFact). */
export function fileOutput(f: FileState): [command: string, stdout: string] {
  const out = f.exists ? `${f.mode.toString(8)} ${f.owner} ${f.group}\n${Buffer.from(f.content).toString('base64')}` : 'absent';
  return [fileFact(f.path).command, out];
}

/** What `cat /etc/os-release` prints: a file of test/fixtures/facts/os-release, by name ("debian-12", "rocky-9.6"). */
export function osReleaseOutput(name: string): [command: string, stdout: string] {
  return [osReleaseFact.command, readFileSync(new URL(`../fixtures/facts/os-release/${name}.txt`, import.meta.url), 'utf8')];
}

/** What `systemctl show` prints for a unit (see serviceFact). */
export function serviceOutput(s: ServiceState): [command: string, stdout: string] {
  const out = [
    `LoadState=${s.exists ? 'loaded' : 'not-found'}`,
    `UnitFileState=${s.enabled ? 'enabled' : 'disabled'}`,
    `ActiveState=${s.active ? 'active' : 'inactive'}`,
    `ConditionResult=${s.conditionFailed ? 'no' : 'yes'}`,
  ].join('\n');
  return [serviceFact(s.unit).command, out];
}

export type CommandHandler = (command: string, options: ExecOptions) => ExecResult | undefined;

/** Use `.transport` where a Transport is wanted (the interface may grow methods a test does not need). */
export class FakeHost {
  readonly host: Host;
  readonly #facts: Map<string, string>;
  readonly #handler: CommandHandler;
  /** every command other than the fact script, in order */
  readonly commands: string[] = [];

  constructor(host: Host, facts: [command: string, stdout: string][], handler: CommandHandler = () => undefined) {
    this.host = host;
    this.#facts = new Map(facts);
    this.#handler = handler;
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    if (command === 'sh -s') return { code: 0, stdout: this.#answer(String(options.stdin ?? '')), stderr: '' };
    this.commands.push(command);
    return this.#handler(command, options) ?? { code: 0, stdout: '', stderr: '' };
  }

  /** a command held open (a lock's keeper) ends at once, as if it had nothing to hold */
  async hold(command: string): Promise<{ exited: ExecResult }> {
    return { exited: await this.exec(command) };
  }

  async close(): Promise<void> {}

  get transport(): Transport {
    return this as unknown as Transport;
  }

  /** Frames each fact's output as batch.ts expects; a fact with no fixture prints nothing (no run journals, no lock held). */
  #answer(script: string): string {
    const re = /'([0-9a-f]+) (\d+) begin'\n\( ([\s\S]*?)\n\)\nprintf /g;
    let out = '';
    for (const m of script.matchAll(re)) {
      const [, nonce, i, command] = m;
      out += `${nonce} ${i} begin\n${this.#facts.get(command!) ?? ''}\n${nonce} ${i} end 0\n`;
    }
    return out;
  }
}
