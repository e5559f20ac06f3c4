// Every file lvs-play writes on a host, chosen by the host's groups: what the
// deploy tasks upload and what check compares. chrony's and keepalived's
// option files are where the host's OS family keeps them (os-layout.ts).

import { UserError } from '../errors.js';
import { DIRECTORS, REALSERVERS } from '../inventory/defaults.js';
import type { Cluster } from '../inventory/types.js';
import { renderChronyConf } from './chrony.js';
import { DR_CLIENT_PATHS, renderDrClientScript, renderDrClientUnit, renderDrClientVips } from './dr-client.js';
import { renderKeepalivedConf } from './keepalived-conf.js';
import { renderKeepalivedDefaults } from './keepalived-defaults.js';
import { MODULES_LOAD_PATH, renderModulesLoad } from './kernel-modules.js';
import { NAT_ROUTE_UNIT_PATH, natRoutes, renderNatRouteUnit } from './nat-route.js';
import { FWMARK_PATHS, fwmarkServices, renderFwmarkRuleset, renderFwmarkUnit } from './nft-fwmark.js';
import { NOTIFY_SCRIPT_PATH } from './notify.js';
import { DEBIAN_LAYOUT, type OsLayout } from './os-layout.js';
import { renderSwitchesReadme, SWITCHES_README } from './switches.js';
import { renderSysctlConf, SYSCTL_CONF_PATH } from './sysctl.js';

export const KEEPALIVED_CONF_PATH = '/etc/keepalived/keepalived.conf';

export interface RenderedFile {
  path: string;
  content: string;
  mode: number; // e.g. 0o644
  owner: 'root';
  secret: boolean; // holds a secret: never print or diff it unredacted
  validate?: 'keepalived' | 'nft'; // check the candidate with `keepalived -t` or `nft -c` before moving it into place
}

function file(path: string, content: string, mode = 0o644): RenderedFile {
  return { path, content, mode, owner: 'root', secret: false };
}

/** Rendered files by cluster, layout and host: a run's tasks each ask for the host's files (up to five times a
 * director, and each keepalived.conf walks every real server), so a host's are rendered once. A Cluster is never
 * changed once resolved; a new one renders anew. */
const rendered = new WeakMap<Cluster, WeakMap<OsLayout, Map<string, readonly RenderedFile[]>>>();

/** The host's files, in a fixed order: sysctl and chrony first, then the role files. Debian's paths unless told.
 * The same cluster, host and layout give the very same (frozen) list. */
export function hostFiles(cluster: Cluster, host: string, layout: OsLayout = DEBIAN_LAYOUT): readonly RenderedFile[] {
  let byLayout = rendered.get(cluster);
  if (!byLayout) {
    byLayout = new WeakMap();
    rendered.set(cluster, byLayout);
  }
  let byHost = byLayout.get(layout);
  if (!byHost) {
    byHost = new Map();
    byLayout.set(layout, byHost);
  }
  let files = byHost.get(host);
  if (!files) {
    files = Object.freeze(renderHostFiles(cluster, host, layout).map((f) => Object.freeze(f)));
    byHost.set(host, files);
  }
  return files;
}

function renderHostFiles(cluster: Cluster, host: string, layout: OsLayout): RenderedFile[] {
  const h = cluster.hosts.find((x) => x.name === host);
  if (!h) throw new UserError(`unknown host "${host}"`, { hint: `hosts: ${cluster.hosts.map((x) => x.name).join(', ')}` });
  const out = [file(SYSCTL_CONF_PATH, renderSysctlConf(cluster, host)), file(layout.chrony.conf, renderChronyConf(cluster, host, layout))];
  if (h.groups.includes(DIRECTORS)) {
    out.push(file(MODULES_LOAD_PATH, renderModulesLoad(cluster, host)));
    if (fwmarkServices(cluster).length > 0) {
      out.push({ ...file(FWMARK_PATHS.ruleset, renderFwmarkRuleset(cluster, host)), validate: 'nft' });
      out.push(file(FWMARK_PATHS.unit, renderFwmarkUnit(cluster, host)));
    }
    // before keepalived.conf: its check on the host needs the script in place
    if (cluster.vrrp.notify !== null) out.push(file(NOTIFY_SCRIPT_PATH, cluster.vrrp.notify, 0o755));
    out.push({
      ...file(KEEPALIVED_CONF_PATH, renderKeepalivedConf(cluster, host), 0o640),
      secret: cluster.vrrp.auth !== null,
      validate: 'keepalived',
    });
    out.push(file(layout.keepalivedOptions.path, renderKeepalivedDefaults(cluster, host, layout)));
    // creates the folder keepalived watches for its switches (track_file)
    out.push(file(SWITCHES_README, renderSwitchesReadme(cluster, host)));
  }
  if (h.groups.includes(REALSERVERS)) {
    out.push(file(DR_CLIENT_PATHS.script, renderDrClientScript(), 0o755));
    out.push(file(DR_CLIENT_PATHS.vips, renderDrClientVips(cluster, host)));
    out.push(file(DR_CLIENT_PATHS.unit, renderDrClientUnit(cluster, host)));
  }
  // LVS-NAT: the replies' route via the gateway VIP, on a real server of a NAT service only
  if (natRoutes(cluster, host).length > 0) out.push(file(NAT_ROUTE_UNIT_PATH, renderNatRouteUnit(cluster, host)));
  return out;
}
