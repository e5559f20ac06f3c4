// `lvs-play lab up|status|down [INVENTORY]`: the local lab of booted
// containers that lvs-play deploys to exactly as to real servers.

import { UserError } from '../../errors.js';
import { labDown } from '../../lab/down.js';
import { lineProgress } from '../../lab/progress.js';
import { labShell } from '../../lab/shell.js';
import { formatLabStatus, labStatus } from '../../lab/status.js';
import { labUp } from '../../lab/up.js';
import { jsonDocument } from '../../report/json-format.js';
import { quoted } from '../../terminal-text.js';
import { intOption, parseCommandArgs, unexpectedArguments } from '../args.js';
import type { Command } from '../command.js';

const usage = `Usage: lvs-play lab up|status|down [INVENTORY] [--datapath] [--max-containers N] [--json]
       lvs-play lab ssh HOST [INVENTORY] [-- COMMAND...]

A local cluster of booted systemd containers (systemd-nspawn) for the hosts
of INVENTORY (default: the package's inventory/lab.json), each with its own
network namespace on the bridge lvsp-br0, its own SSH host key, and a local
apt repository as its only package source. Every host address must be in
198.18.0.0/15. Needs root on Linux; installs systemd-container, debootstrap,
dpkg-dev and openssh-client when missing.

  up      bring the lab up (idempotent; repairs a lab left half-up)
          --datapath: the directors run as qemu VMs on Debian's kernel,
          which has IP_VS, so keepalived runs in full and traffic flows
          through LVS (default inventory: inventory/lab-datapath.json;
          installs qemu-system-x86; KVM when it works, TCG otherwise)
          --max-containers N: past N hosts, the real servers beyond the
          first ones are aliases: another address on a real server
          container, with an sshd and a known_hosts line of its own (for
          measuring hundreds of hosts; an alias shares its container's
          files, so deploy to the containers first)
  status  per host: container or VM, SSH, systemd state; IP_VS support
          (exit 0 when every host is up, 1 otherwise)
  down    remove every container, namespace, bridge, mount and process
          the lab made (keys and caches stay)
  ssh     a shell on HOST (or COMMAND, its exit status returned), connected
          as a deploy connects and only through the lab's bridge; as with
          ssh, the words of COMMAND are joined and run by the host's shell

Options:
  --json      (status) print the status as JSON
  --datapath  (up) directors as VMs, see above; a later up without it
              turns them back into containers

State: /var/lib/lvs-play/lab   Caches: /var/cache/lvs-play`;

export const labCommand: Command = {
  name: 'lab',
  usage,
  async run(args) {
    // lab ssh: what follows `--` is the remote command, never lvs-play's options
    const dashes = args.indexOf('--');
    const remote = dashes >= 0 ? args.slice(dashes + 1) : [];
    const own = dashes >= 0 ? args.slice(0, dashes) : args;
    const { values, positionals } = parseCommandArgs(
      'lab',
      own,
      {
        json: { type: 'boolean', default: false },
        datapath: { type: 'boolean', default: false },
        'max-containers': { type: 'string' },
      },
      3,
    );
    const [action] = positionals;
    if (action !== 'ssh' && positionals.length > 2) throw unexpectedArguments('lab', positionals.slice(2));
    if (action !== undefined && !['up', 'status', 'down', 'ssh'].includes(action))
      throw new UserError(`lab: unknown action ${quoted(action)}`, { hint: 'lvs-play lab up|status|down|ssh [INVENTORY]' });
    if (dashes >= 0 && action !== 'ssh') throw new UserError('lab: only lab ssh takes a command after --');
    if (action === 'ssh') {
      const [, host, labInventory] = positionals;
      if (!host) throw new UserError('lab ssh: which host?', { hint: 'lvs-play lab ssh HOST [INVENTORY] [-- COMMAND...]' });
      if (values.json || values.datapath || values['max-containers'] !== undefined)
        throw new UserError('lab ssh: takes no --json, --datapath or --max-containers');
      return labShell(host, remote, labInventory);
    }
    const inventory = positionals[1];
    if (values.datapath && action !== 'up')
      throw new UserError(`lab${action ? ` ${action}` : ''}: --datapath is an option of lab up`, {
        hint: 'status and down find the VMs by themselves',
      });
    if (values['max-containers'] !== undefined && action !== 'up')
      throw new UserError(`lab${action ? ` ${action}` : ''}: --max-containers is an option of lab up`, {
        hint: 'status and down find the aliases by themselves',
      });
    const maxContainers =
      values['max-containers'] === undefined ? undefined : intOption(values['max-containers'], '--max-containers', 1, 1000);
    switch (action) {
      case 'up': {
        const t0 = Date.now();
        const r = await labUp({ inventory, datapath: values.datapath, maxContainers, progress: lineProgress() });
        const reused = r.hosts.filter((h) => h.reused).length;
        process.stdout.write(
          `lab is up: ${r.hosts.length} hosts (${reused} already running) in ${((Date.now() - t0) / 1000).toFixed(1)} s\n` +
            r.hosts
              .map((h) => `  ${h.name.padEnd(12)} ${h.address.padEnd(15)} ${h.state}${h.kind === 'vm' ? ` (VM, ${h.accel})` : ''}`)
              .join('\n') +
            '\n' +
            (r.aliases.length
              ? `  and ${r.aliases.length} real servers as aliases of ${new Set(r.aliases.map((a) => a.container)).size} containers (lab status lists them)\n`
              : '') +
            `a shell on a host: lvs-play lab ssh ${r.hosts[0]?.name ?? 'HOST'}\n`,
        );
        return 0;
      }
      case 'status': {
        const s = await labStatus({ inventory });
        process.stdout.write(values.json ? jsonDocument(s) : `${formatLabStatus(s)}\n`);
        return s.up ? 0 : 1;
      }
      case 'down': {
        const r = await labDown({ inventory, progress: lineProgress() });
        process.stdout.write(`lab is down${r.removedHosts.length ? ` (removed ${r.removedHosts.join(' ')})` : ' (nothing was running)'}\n`);
        return 0;
      }
      default:
        throw new UserError('lab: missing action', { hint: 'lvs-play lab up|status|down [INVENTORY]' });
    }
  },
};
