// Which director is MASTER of a VIP, and every director's VRRP priority for it.
// The dual-master pattern generalised: VIP i is homed on directors[i % N]
// unless the inventory names its master; the backups follow the master in
// ring order (next director first), so when one director fails its VIPs
// spread over the others instead of all landing on one.

export interface PrioritySettings {
  master: number;
  backup: number;
  step: number;
}

/** Default master of the VIP at index i. */
export function spreadMaster(directors: readonly string[], index: number): string {
  return directors[index % directors.length];
}

/** The backups of a VIP, in failover order: the directors after the master, wrapping around. */
export function backupOrder(directors: readonly string[], master: string): string[] {
  const at = directors.indexOf(master);
  if (at < 0) return directors.slice();
  return [...directors.slice(at + 1), ...directors.slice(0, at)];
}

/**
 * director -> priority, keys in directors order. MASTER gets masterPriority;
 * the k-th backup gets backup - k*step (120, 110, ... with the defaults).
 */
export function vipPriorities(
  directors: readonly string[],
  master: string,
  masterPriority: number,
  p: PrioritySettings,
): Record<string, number> {
  const byName = new Map<string, number>([[master, masterPriority]]);
  for (const [k, d] of backupOrder(directors, master).entries()) byName.set(d, p.backup - k * p.step);
  const out: Record<string, number> = {};
  for (const d of directors) out[d] = byName.get(d)!;
  return out;
}
