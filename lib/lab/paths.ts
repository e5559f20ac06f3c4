// Where the lab keeps things and what it names them. Every kernel object and
// file the lab creates is named here, so `lab down` can find exactly those
// (by the lvsp- prefix and these paths) and nothing else.

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { UserError } from '../errors.js';

/** State of the running lab: keys, per-host layers, recorded PIDs. */
export const LAB_STATE_DIR = '/var/lib/lvs-play/lab';
/** Caches that survive `lab down`: the debootstrap root and the apt repository. */
export const LAB_CACHE_DIR = '/var/cache/lvs-play';
/** What the lab keeps for a user to read after `lab down`: the console of each host that failed to boot. */
export const LAB_LOG_DIR = '/var/log/lvs-play/lab';

/** Prefix of every network namespace, link, cgroup and machine the lab creates. */
export const LAB_PREFIX = 'lvsp-';
export const LAB_BRIDGE = 'lvsp-br0';
/** Where the local apt repository appears inside every container. */
export const REPO_MOUNT = '/srv/lvs-play-repo';

export const labFiles = {
  stateFile: join(LAB_STATE_DIR, 'state.json'),
  lockFile: join(LAB_STATE_DIR, 'lock'),
  sshDir: join(LAB_STATE_DIR, 'ssh'),
  sshKey: join(LAB_STATE_DIR, 'ssh', 'id_ed25519'),
  knownHosts: join(LAB_STATE_DIR, 'ssh', 'known_hosts'),
  vrrpPassword: join(LAB_STATE_DIR, 'vrrp-pass'),
  hostKeysDir: join(LAB_STATE_DIR, 'hostkeys'),
  hostsDir: join(LAB_STATE_DIR, 'hosts'),
  repoDir: join(LAB_CACHE_DIR, 'apt-repo'),
};

/** Everything the lab makes for one host. */
export interface HostNames {
  host: string;
  netns: string; // /run/netns/<netns>
  veth: string; // control-side end of the veth pair, enslaved to the bridge
  machine: string; // systemd-nspawn --machine
  cgroup: string; // directory name at the root of each cgroup hierarchy
  dir: string; // per-host directory: upper/, work/, root/ (the overlay), console.log
  root: string; // the overlay mount point the container boots from
  hostKeyDir: string; // the host's SSH host keys, kept across `lab down`
}

const HOST_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IFNAMSIZ = 15;

export function hostNames(host: string): HostNames {
  if (!HOST_NAME.test(host)) {
    throw new UserError(`host name "${host}" cannot be a lab container`, {
      hint: 'lab host names are lower-case letters, digits and "-" (a valid hostname)',
    });
  }
  const dir = join(labFiles.hostsDir, host);
  return {
    host,
    netns: LAB_PREFIX + host,
    veth: vethName(host),
    machine: LAB_PREFIX + host,
    cgroup: LAB_PREFIX + host,
    dir,
    root: join(dir, 'root'),
    hostKeyDir: join(labFiles.hostKeysDir, host),
  };
}

/** A control-side veth end made by the lab (other lvsp- links, e.g. test devices, are not the lab's). */
export function isLabVeth(ifname: string): boolean {
  return ifname.startsWith(`${LAB_PREFIX}v-`) || new RegExp(`^${LAB_PREFIX}v[0-9a-f]{9}$`).test(ifname);
}

/** Interface names have at most 15 characters: readable when it fits, hashed otherwise. */
function vethName(host: string): string {
  const readable = `${LAB_PREFIX}v-${host}`;
  if (readable.length <= IFNAMSIZ) return readable;
  return `${LAB_PREFIX}v${createHash('sha256')
    .update(host)
    .digest('hex')
    .slice(0, IFNAMSIZ - LAB_PREFIX.length - 1)}`;
}
