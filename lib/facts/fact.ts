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
