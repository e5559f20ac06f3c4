// A host with no network (pyinfra's fixture facts, one level lower): a
// Transport that answers the one-round-trip fact script lvs-play sends
// (lib/facts/batch.ts) from fixed command outputs, and every other command
// from a handler (default: exit 0, no output). Lets gatherFacts, applyChange
// and the rollout's readHost run end to end without SSH.

import { readFileSync } from 'node:fs';
import type { Fact } from '../../lib/facts/fact.js';
import type { FileState } from '../../lib/facts/file.js';
import { fileFact } from '../../lib/facts/file.js';
import { osReleaseFact } from '../../lib/facts/os-release.js';
import type { ServiceState } from '../../lib/facts/service.js';
import { serviceFact } from '../../lib/facts/service.js';
import type { Host } from '../../lib/inventory/types.js';
import { quote } from '../../lib/shell/quote.js';
import type { ExecOptions, ExecResult, Transport } from '../../lib/ssh/transport.js';

/** A fact's fixed output: the fact's own command and what it prints; a fact that reads together with others (files,
 * units) comes with its Fact, so that a frame reading several of them is answered too. */
export type FactOutputFixture = [command: string, stdout: string, fact?: Fact<unknown>];

/** What `stat` + `base64` print for a file (see fileFact). */
export function fileOutput(f: FileState): FactOutputFixture {
  const out = f.exists ? `${f.mode.toString(8)} ${f.owner} ${f.group}\n${Buffer.from(f.content).toString('base64')}` : 'absent';
  const fact = fileFact(f.path);
  return [fact.command, out, fact];
}

/** What `cat /etc/os-release` prints: a file of test/fixtures/facts/os-release, by name ("debian-12", "rocky-9.6"). */
export function osReleaseOutput(name: string): [command: string, stdout: string] {
  return [osReleaseFact.command, readFileSync(new URL(`../fixtures/facts/os-release/${name}.txt`, import.meta.url), 'utf8')];
}

/** What `systemctl show` prints for a unit (see serviceFact). */
export function serviceOutput(s: ServiceState): FactOutputFixture {
  const out = [
    `LoadState=${s.exists ? 'loaded' : 'not-found'}`,
    `UnitFileState=${s.enabled ? 'enabled' : 'disabled'}`,
    `ActiveState=${s.active ? 'active' : 'inactive'}`,
    `ConditionResult=${s.conditionFailed ? 'no' : 'yes'}`,
  ].join('\n');
  const fact = serviceFact(s.unit);
  return [fact.command, out, fact];
}

/** Where a whole word stands in a command (not inside a longer one), or -1. */
function wordAt(command: string, word: string): number {
  for (let at = command.indexOf(` ${word}`); at >= 0; at = command.indexOf(` ${word}`, at + 1)) {
    const after = command[at + 1 + word.length];
    if (after === undefined || ' ;)\n'.includes(after)) return at;
  }
  return -1;
}

/** What a command that reads several facts of one kind prints, from what each prints alone (the inverse of its split). */
const JOIN_READ_TOGETHER: Record<string, (outputs: string[]) => string> = {
  files: (outputs) => {
    const present = outputs.filter((o) => o !== 'absent').map((o) => o.split('\n'));
    const flags = outputs.map((o) => (o === 'absent' ? '0' : '1')).join('');
    return [flags, ...present.map((l) => l[0]), ...present.map((l) => l[1] ?? ''), '.'].join('\n');
  },
  'systemctl-show': (outputs) => outputs.join('\n\n'),
};

export type CommandHandler = (command: string, options: ExecOptions) => ExecResult | undefined;

/** Use `.transport` where a Transport is wanted (the interface may grow methods a test does not need). */
export class FakeHost {
  readonly host: Host;
  readonly #facts: Map<string, string>;
  readonly #togetherFacts: { fact: Fact<unknown>; stdout: string }[];
  readonly #handler: CommandHandler;
  /** every command other than the fact script, in order */
  readonly commands: string[] = [];

  constructor(host: Host, facts: FactOutputFixture[], handler: CommandHandler = () => undefined) {
    this.host = host;
    this.#facts = new Map(facts.map(([command, stdout]) => [command, stdout]));
    this.#togetherFacts = facts.flatMap(([, stdout, fact]) => (fact?.together ? [{ fact, stdout }] : []));
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
      out += `${nonce} ${i} begin\n${this.#facts.get(command!) ?? this.#readTogether(command!) ?? ''}\n${nonce} ${i} end 0\n`;
    }
    return out;
  }

  /** A frame reading several fixture facts together: the fixtures whose item the command names, in the command's
   * order, when they rebuild exactly that command. */
  #readTogether(command: string): string | undefined {
    const named = this.#togetherFacts
      .map((f) => ({ ...f, at: wordAt(command, quote(f.fact.together!.item)) }))
      .filter((f) => f.at >= 0)
      .sort((a, b) => a.at - b.at);
    for (const key of new Set(named.map((f) => f.fact.together!.key))) {
      const group = named.filter((f) => f.fact.together!.key === key);
      const together = group[0]!.fact.together!;
      const join = JOIN_READ_TOGETHER[key];
      if (join && together.command(group.map((f) => f.fact.together!.item)) === command) return join(group.map((f) => f.stdout));
    }
    return undefined;
  }
}
