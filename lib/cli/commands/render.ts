// `lvs-play render INVENTORY --host NAME [--file F] [--list] [--os-family F] [--show-secrets]`:
// prints one of the files lvs-play would write on a host, or lists them.
// Touches no host. Secrets are redacted unless --show-secrets, in a pipe too:
// render output ends up in logs and tickets.

import { basename } from 'node:path';
import { UserError } from '../../errors.js';
import { DIRECTORS, REALSERVERS } from '../../inventory/defaults.js';
import { loadInventory } from '../../inventory/load.js';
import type { Cluster } from '../../inventory/types.js';
import { DR_CLIENT_PATHS } from '../../render/dr-client.js';
import { hostFiles, KEEPALIVED_CONF_PATH, type RenderedFile } from '../../render/host-files.js';
import { redactKeepalivedConf } from '../../render/keepalived-conf.js';
import { OS_LAYOUTS, type OsLayout } from '../../render/os-layout.js';
import { redact } from '../../secret.js';
import { quoted, safeText } from '../../terminal-text.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../command.js';

export const renderCommand: Command = {
  name: 'render',
  usage: `Usage: lvs-play render INVENTORY --host NAME [--file PATH|NAME] [--list]
                           [--os-family debian|rhel] [--show-secrets]

Prints a file that lvs-play deploys on host NAME, exactly as it would be
written, without contacting any host. By default: keepalived.conf for a
director, the lvs-play-dr-client.service unit for a real server, chrony.conf
for any other host.

  --host NAME       the inventory host (required)
  --file PATH|NAME  the file to print, by path (/etc/chrony/chrony.conf) or by
                    its base name (chrony.conf); see --list
  --list            list the host's files instead: mode, path, flags
  --os-family F     debian (default) or rhel: where the host's family keeps
                    chrony.conf and keepalived's options (deploy reads it
                    from the host's /etc/os-release)
  --show-secrets    print passwords (keepalived's auth_pass) instead of <redacted>

Exit codes: 0 printed; 1 unreadable or invalid inventory, unknown host or file.`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(
      'render',
      args,
      {
        host: { type: 'string' },
        file: { type: 'string' },
        list: { type: 'boolean', default: false },
        'os-family': { type: 'string', default: 'debian' },
        'show-secrets': { type: 'boolean', default: false },
      },
      1,
    );
    if (positionals.length !== 1)
      throw new UserError('missing INVENTORY', { hint: 'lvs-play render inventory/example.json --host lvs-dr' });
    if (values.host === undefined)
      throw new UserError('render needs --host NAME', { hint: 'lvs-play render inventory/example.json --host lvs-dr' });
    if (values.list && values.file !== undefined) throw new UserError('use either --list or --file, not both');
    const layout = layoutOption(values['os-family']);
    const { cluster } = await loadInventory(positionals[0]);
    const host = values.host;
    if (!cluster.hosts.some((h) => h.name === host)) {
      throw new UserError(`host ${quoted(host)} is not in ${safeText(positionals[0])}`, {
        hint: `hosts: ${cluster.hosts.map((h) => h.name).join(', ')}`,
      });
    }
    const files = hostFiles(cluster, host, layout);
    if (values.list) {
      process.stdout.write(files.map(listLine).join(''));
      return 0;
    }
    const wanted = values.file ?? defaultFile(cluster, host, layout);
    const file = files.find((f) => f.path === wanted || basename(f.path) === wanted);
    if (!file) {
      throw new UserError(`${host} gets no file ${quoted(wanted)}`, {
        hint: `its files: ${files.map((f) => basename(f.path)).join(', ')} (or their full paths)`,
      });
    }
    process.stdout.write(values['show-secrets'] ? file.content : redacted(file, cluster));
    return 0;
  },
};

function layoutOption(family: string): OsLayout {
  if (Object.hasOwn(OS_LAYOUTS, family)) return OS_LAYOUTS[family as keyof typeof OS_LAYOUTS];
  throw new UserError(`--os-family ${quoted(family)} is not a known OS family`, {
    hint: `use one of: ${Object.keys(OS_LAYOUTS).join(', ')}`,
  });
}

function defaultFile(cluster: Cluster, host: string, layout: OsLayout): string {
  const groups = cluster.hosts.find((h) => h.name === host)?.groups ?? [];
  if (groups.includes(DIRECTORS)) return KEEPALIVED_CONF_PATH;
  if (groups.includes(REALSERVERS)) return DR_CLIENT_PATHS.unit;
  return layout.chrony.conf;
}

function listLine(f: RenderedFile): string {
  const flags = [f.secret ? 'secret' : '', f.validate ? `validated by ${f.validate === 'nft' ? 'nft -c' : 'keepalived -t'}` : '']
    .filter(Boolean)
    .join(', ');
  return `${f.mode.toString(8).padStart(4, '0')}  ${f.path}${flags ? `  (${flags})` : ''}\n`;
}

// keepalived.conf is redacted by structure, not by value: replacing a short
// password everywhere would also hit priorities or addresses that happen to
// contain it, and so give it away.
function redacted(f: RenderedFile, cluster: Cluster): string {
  if (!f.secret) return f.content;
  if (f.validate === 'keepalived') return redactKeepalivedConf(f.content);
  return redact(f.content, cluster.vrrp.auth ? [cluster.vrrp.auth.password] : []);
}
