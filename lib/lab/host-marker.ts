// The mark `lab up` leaves inside each lab container: /etc/lvs-play-lab-host,
// naming the container's machine id and its lab address. lvs-play run INSIDE
// a lab host (the schedule test runs its timer in the client container) sees
// the other lab hosts routed via eth0, not via the lab bridge; the route
// guard accepts that only where this mark stands (see lib/lab/route.ts).
// The machine id ties the mark to the container it was written for: a copy
// of the file on another machine names another id. VMs get no mark.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const LAB_HOST_MARKER = '/etc/lvs-play-lab-host';
const MACHINE_ID = '/etc/machine-id';

export interface HostMarker {
  machineId: string;
  address: string;
}

export function markerText(m: HostMarker): string {
  return [
    '# written by `lvs-play lab up`: this machine is a lab container (see lib/lab/host-marker.ts)',
    `machine-id=${m.machineId}`,
    `address=${m.address}`,
    '',
  ].join('\n');
}

/** The mark's fields, or null when the text is not a whole mark. */
export function parseMarker(text: string): HostMarker | null {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0 && !line.startsWith('#')) fields.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  const machineId = fields.get('machine-id');
  const address = fields.get('address');
  if (!machineId || !/^[0-9a-f]{32}$/.test(machineId) || !address) return null;
  return { machineId, address };
}

/** Writes the mark into a container's root (the overlay the container runs on). */
export async function writeHostMarker(root: string, address: string): Promise<void> {
  const machineId = (await readFile(join(root, MACHINE_ID), 'utf8')).trim();
  await writeFile(join(root, LAB_HOST_MARKER), markerText({ machineId, address }), { mode: 0o644 });
}

/** This machine's mark and machine id; null when there is no (readable) mark, the usual case. */
export async function readOwnMarker(): Promise<{ marker: HostMarker | null; machineId: string } | null> {
  let text: string;
  try {
    text = await readFile(LAB_HOST_MARKER, 'utf8');
  } catch {
    return null;
  }
  const machineId = await readFile(MACHINE_ID, 'utf8').then(
    (t) => t.trim(),
    () => '',
  );
  return { marker: parseMarker(text), machineId };
}
