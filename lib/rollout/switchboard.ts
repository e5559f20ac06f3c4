// Sets and clears the switches on directors, keeping the control machine's
// record (switch-record.ts) ahead of them: an entry is written before its
// switch is set and removed only once the switch is cleared on every
// director, so whatever kills the run, the record never says less than what
// is set on the hosts.

import type { Cluster, Host } from '../inventory/types.js';
import type { HandoverLevel, InstanceLevel } from '../render/switches.js';
import type { Transport } from '../ssh/transport.js';
import { SwitchFailed } from './errors.js';
import { drainCommand, handoverCommand, instanceCommand } from './plan/switch-commands.js';
import { drainsDir, readRecord, type SetBy, type SwitchRecordData, saveRecord } from './switch-record.js';

export interface SwitchboardOptions {
  cluster: Cluster;
  inventoryFile: string;
  runId: string;
  command: string;
  connect(host: Host): Promise<Transport>;
  dir?: string;
}

export class Switchboard {
  readonly #o: SwitchboardOptions;
  readonly #dir: string;
  #record: SwitchRecordData;

  private constructor(o: SwitchboardOptions, record: SwitchRecordData) {
    this.#o = o;
    this.#dir = o.dir ?? drainsDir();
    this.#record = record;
  }

  /** Takes over an earlier record of this cluster, if any, so its entries are kept until undone. */
  static async open(o: SwitchboardOptions): Promise<Switchboard> {
    const dir = o.dir ?? drainsDir();
    const old = await readRecord(o.cluster.name, dir);
    const record: SwitchRecordData = {
      cluster: o.cluster.name,
      inventory: o.inventoryFile,
      runId: o.runId,
      pid: process.pid,
      command: o.command,
      drains: old?.drains ?? [],
      handovers: old?.handovers ?? [],
    };
    return new Switchboard({ ...o, dir }, record);
  }

  get record(): SwitchRecordData {
    return structuredClone(this.#record);
  }

  /** Real servers drained by this record (this run's or an earlier one's). */
  get drained(): string[] {
    return this.#record.drains.map((d) => d.realServer);
  }

  /** Real servers drained by a run (this one or one that did not finish): what a run undrains. */
  get drainedByRuns(): string[] {
    return this.#record.drains.filter((d) => !d.byHand).map((d) => d.realServer);
  }

  /** `byHand`: the operator's own drain (`lvs-play drain`); a run's drain of a server drained by hand keeps it so. */
  async drain(realServers: string[], directors: string[], o: { byHand?: boolean } = {}): Promise<void> {
    const since = new Date().toISOString();
    for (const rs of realServers) {
      const entry = this.#record.drains.find((d) => d.realServer === rs);
      if (entry) {
        entry.directors = [...new Set([...entry.directors, ...directors])];
        if (o.byHand) entry.byHand = true;
      } else
        this.#record.drains.push({
          realServer: rs,
          directors: [...directors],
          since,
          setBy: this.#setBy(),
          ...(o.byHand ? { byHand: true as const } : {}),
        });
    }
    await saveRecord(this.#record, this.#dir);
    await this.#onEach(directors, drainCommand(realServers, true), 'drain');
  }

  /** Clears the drains on every director; what failed stays recorded and is thrown. */
  async undrain(realServers: string[], directors: string[]): Promise<void> {
    const failed = await this.#onEach(directors, drainCommand(realServers, false), 'undrain', false);
    const bad = new Set(failed.map((f) => f.director));
    for (const entry of this.#record.drains.filter((d) => realServers.includes(d.realServer)))
      entry.directors = entry.directors.filter((d) => bad.has(d) || !directors.includes(d));
    this.#record.drains = this.#record.drains.filter((d) => d.directors.length > 0);
    await saveRecord(this.#record, this.#dir);
    if (failed.length)
      throw new SwitchFailed(failed.map((f) => `undrain on ${f.director} failed: ${f.error}`).join('; '), {
        hosts: failed.map((f) => f.director),
      });
  }

  async handover(director: string, level: HandoverLevel): Promise<void> {
    if (level !== 'normal') {
      const since = new Date().toISOString();
      this.#record.handovers = [
        ...this.#record.handovers.filter((h) => h.director !== director || h.instance),
        { director, level, since, setBy: this.#setBy() },
      ];
      await saveRecord(this.#record, this.#dir);
    }
    await this.#onEach([director], handoverCommand(level), `handover ${level}`);
    if (level === 'normal') {
      this.#record.handovers = this.#record.handovers.filter((h) => h.director !== director || h.instance);
      await saveRecord(this.#record, this.#dir);
    }
  }

  /**
   * A nopreempt cluster's per-instance switches on one director: recorded
   * before they are set, forgotten once removed. `quietMs`: how long a quiet
   * switch lasts at most (it expires by itself on the director).
   */
  async instanceSwitch(director: string, instances: string[], level: InstanceLevel, quietMs = 0): Promise<void> {
    const mine = (h: { director: string; instance?: string }) =>
      h.director === director && h.instance !== undefined && instances.includes(h.instance);
    const targets = instances.map((i) => {
      const vip = this.#o.cluster.vips.find((v) => v.instance === i);
      // an instance the inventory no longer has (a record of an earlier run): its switches can still be removed
      return vip ? { instance: i, routerId: vip.routerId, interface: vip.interface } : { instance: i, routerId: 0, interface: '' };
    });
    // refused before anything is recorded or set
    if (level === 'quiet' && targets.some((t) => t.routerId === 0))
      throw new SwitchFailed(`${director}: cannot silence ${instances.join(', ')}: not an instance of the inventory`, {
        hosts: [director],
      });
    if (level !== 'normal') {
      const since = new Date().toISOString();
      this.#record.handovers = [
        ...this.#record.handovers.filter((h) => !mine(h)),
        ...instances.map((instance) => ({ director, level, instance, since, setBy: this.#setBy() })),
      ];
      await saveRecord(this.#record, this.#dir);
    }
    await this.#onEach([director], instanceCommand(targets, level, quietMs / 1000), `${instances.join(', ')} switch ${level}`);
    if (level === 'normal') {
      this.#record.handovers = this.#record.handovers.filter((h) => !mine(h));
      await saveRecord(this.#record, this.#dir);
    }
  }

  /** this run, as each switch it sets names it (the record's own run is whichever wrote it last) */
  #setBy(): SetBy {
    return { runId: this.#record.runId, pid: this.#record.pid, command: this.#record.command };
  }

  async #onEach(directors: string[], command: string, what: string, throwFirst = true): Promise<{ director: string; error: string }[]> {
    const failed: { director: string; error: string }[] = [];
    await Promise.all(
      directors.map(async (name) => {
        const host = this.#o.cluster.hosts.find((h) => h.name === name);
        if (!host) {
          failed.push({ director: name, error: 'not a host of the cluster' });
          return;
        }
        try {
          const r = await (await this.#o.connect(host)).exec(command, { timeoutMs: 30_000 });
          if (r.code !== 0) failed.push({ director: name, error: r.stderr.trim() || `exit ${r.code}` });
        } catch (err) {
          failed.push({ director: name, error: (err as Error).message });
        }
      }),
    );
    if (throwFirst && failed.length)
      throw new SwitchFailed(failed.map((f) => `${what} on ${f.director} failed: ${f.error}`).join('; '), {
        hosts: failed.map((f) => f.director),
      });
    return failed;
  }
}
