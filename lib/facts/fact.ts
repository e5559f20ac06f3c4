// A fact is one shell command and a pure parser of its output (pyinfra's
// shape). Facts are declared by tasks up front so that all of a host's reads
// go to the host in one script (see batch.ts) and one round trip.

export interface FactOutput {
  stdout: string;
  code: number;
}

export interface Fact<T> {
  /** unique per value read: two tasks asking for the same id share one read */
  id: string;
  /** a complete POSIX sh command, every inventory value quoted */
  command: string;
  parse(output: FactOutput): T;
  /** set when one command can answer several facts of its kind at once (e.g. systemctl show for several units):
   * the batch then runs that command once for all of them */
  together?: ReadTogether;
}

/** How facts of one kind are read by one command (see batch.ts). */
export interface ReadTogether {
  /** facts with the same key are read together */
  key: string;
  /** what this fact adds to the command (e.g. its unit) */
  item: string;
  /** the command that reads every item, in order; command([item]) reads this fact alone */
  command(items: readonly string[]): string;
  /** the command's output cut into each item's own, in order; null when it cannot be */
  split(stdout: string, items: readonly string[]): string[] | null;
}

/** The facts a host returned, by id. */
export class FactValues {
  readonly #values = new Map<string, unknown>();
  set(id: string, value: unknown): void {
    this.#values.set(id, value);
  }
  has(id: string): boolean {
    return this.#values.has(id);
  }
  get<T>(fact: Fact<T>): T {
    if (!this.#values.has(fact.id)) throw new Error(`fact ${fact.id} was not gathered`);
    return this.#values.get(fact.id) as T;
  }
}
