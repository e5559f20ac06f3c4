// Which director holds each VIP, sampled ten times a second while a rollout
// runs. The sampler runs on the control machine and reads each director's
// own network namespace (`ip -n lvsp-<director> -j addr show dev eth0`, the
// same kernel state `ip -j addr` shows inside the container), both directors
// in the same tick, so the samples share one clock and a VIP on two
// directors at once cannot hide between two independent loops.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { hostNames } from '../../lib/lab/paths.js';

const run = promisify(execFile);

export interface Sample { t: number; holders: Record<string, string[]> }

export interface VipSummary {
  vip: string;
  samples: number;
  /** samples that saw the VIP on two or more directors */
  twoHolders: number;
  /** samples that saw it on none */
  noHolder: number;
  /** the longest time between two samples that saw it held with only no-holder samples between (an upper bound of the gap) */
  worstNoHolderMs: number;
  /** the directors that held it at some point */
  heldBy: string[];
}

export class VipSampler {
  readonly samples: Sample[] = [];
  #timer: NodeJS.Timeout | null = null;
  #inFlight = 0;
  #errors: string[] = [];

  constructor(readonly directors: string[], readonly vips: string[], readonly intervalMs = 100) {}

  start(): void {
    this.#timer = setInterval(() => { void this.#tick(); }, this.intervalMs);
  }

  async stop(): Promise<Sample[]> {
    if (this.#timer) clearInterval(this.#timer);
    while (this.#inFlight > 0) await new Promise((r) => setTimeout(r, 10));
    if (this.#errors.length) throw new Error(`the VIP sampler failed: ${this.#errors.slice(0, 3).join('; ')}`);
    return this.samples;
  }

  async #tick(): Promise<void> {
    this.#inFlight++;
    const t = Date.now();
    try {
      const addresses = await Promise.all(this.directors.map(async (d) => {
        const { stdout } = await run('ip', ['-n', hostNames(d).netns, '-j', 'addr', 'show', 'dev', 'eth0']);
        return (JSON.parse(stdout) as { addr_info?: { local?: string }[] }[]).flatMap((l) => (l.addr_info ?? []).map((a) => a.local));
      }));
      const holders = Object.fromEntries(this.vips.map((v) => [v, this.directors.filter((_, i) => addresses[i]!.includes(v))]));
      this.samples.push({ t, holders });
    } catch (err) {
      this.#errors.push((err as Error).message);
    } finally {
      this.#inFlight--;
    }
  }
}

export function summarise(samples: Sample[], vips: string[]): VipSummary[] {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  return vips.map((vip) => {
    let lastHeld: number | null = null;
    let noneSince = false;
    let worst = 0;
    const heldBy = new Set<string>();
    for (const s of sorted) {
      const on = s.holders[vip] ?? [];
      on.forEach((d) => heldBy.add(d));
      if (on.length === 0) { noneSince = true; continue; }
      if (noneSince && lastHeld !== null) worst = Math.max(worst, s.t - lastHeld);
      noneSince = false;
      lastHeld = s.t;
    }
    return {
      vip,
      samples: sorted.length,
      twoHolders: sorted.filter((s) => (s.holders[vip] ?? []).length > 1).length,
      noHolder: sorted.filter((s) => (s.holders[vip] ?? []).length === 0).length,
      worstNoHolderMs: worst,
      heldBy: [...heldBy].sort(),
    };
  });
}

export function describeSummary(s: VipSummary, seconds: number): string {
  return `${s.vip}: ${s.samples} samples in ${seconds.toFixed(1)} s, held at some point by ${s.heldBy.join(', ') || 'none'}; ` +
    `two holders in ${s.twoHolders} sample(s); no holder in ${s.noHolder} sample(s), worst no-holder time <= ${s.worstNoHolderMs} ms`;
}
