// keepalived.conf for one director, in keepalived 2.x keywords (checked with
// Debian 12's keepalived 2.2.7: `keepalived -t -l -e -f FILE` exits 0 with no
// output). Layout follows the seed article: global_defs, one vrrp_instance per
// VIP, then one virtual_server per VIP and service. lvs-play adds its
// switches (see switches.ts): the handover file every instance tracks and a
// drain file per real server, each real_server checking its own.

import { UserError } from '../errors.js';
import { DIRECTORS } from '../inventory/defaults.js';
import type { Cluster, HealthCheck, RealServer, Service, TrackScript, Vip } from '../inventory/types.js';
import { unicastAddress, unicastPeers } from '../inventory/unicast-peers.js';
import { redactKeepalivedText } from '../keepalived/redact.js';
import { managedHeader } from './header.js';
import { NOTIFY_SCRIPT_PATH } from './notify.js';
import { operatorCommands } from './operator-commands.js';
import {
  balancedHosts,
  drainFile,
  drainTrack,
  HANDOVER_FILE,
  HANDOVER_TRACK,
  hasInstanceSwitches,
  instanceFile,
  instanceTrack,
} from './switches.js';

type Lines = string[];

function block(head: string, body: Lines): Lines {
  return [`${head} {`, ...body.map((l) => `    ${l}`), '}'];
}

export function renderKeepalivedConf(cluster: Cluster, director: string): string {
  if (!(cluster.groups[DIRECTORS] ?? []).includes(director)) {
    throw new UserError(`${director}: not in group "${DIRECTORS}", so it gets no keepalived.conf`);
  }
  const out: Lines = [
    ...globalDefs(cluster, director),
    ...switchFiles(cluster),
    ...cluster.vrrp.trackScripts.flatMap((t) => ['', ...vrrpScript(t)]),
    ...cluster.vrrp.syncGroups.flatMap((g) => ['', ...syncGroup(g)]),
    ...cluster.vips.flatMap((v) => ['', ...vrrpInstance(cluster, v, director)]),
    ...cluster.vips.flatMap((v) => v.services.flatMap((s) => ['', ...virtualServer(s)])),
  ];
  return `${managedHeader(cluster.name, `keepalived.conf of ${director}`) + out.join('\n')}\n`;
}

function globalDefs(cluster: Cluster, director: string): Lines {
  const body = [`router_id ${director}`];
  // Without an instance name the sync daemon runs as master AND backup on
  // every director, which dual-master needs (each is master for one VIP).
  // Not in vrrp-only mode: that mode is for kernels without IP_VS, where the
  // VRRP process treats a failing IPVS sync daemon start as fatal.
  // maxlen: the kernel holds a part-filled sync message up to 2 s; a small one
  // sends each connection at once, so one opened just before its VIP moves survives the move
  if (cluster.vrrp.syncDaemon && cluster.keepalived.mode === 'full')
    body.push(`lvs_sync_daemon ${cluster.vrrp.interface}${cluster.vrrp.syncMaxlen === null ? '' : ` maxlen ${cluster.vrrp.syncMaxlen}`}`);
  // the operator's notify script and checks run as root, and keepalived then
  // insists on script security: the scripts and their folders writable by root only
  if (runsScripts(cluster)) body.push('script_user root', 'enable_script_security');
  return block('global_defs', body);
}

/** The notify script, a track script, a MISC_CHECK or a quorum hook: keepalived runs the operator's commands. */
function runsScripts(cluster: Cluster): boolean {
  return cluster.vrrp.notify !== null || operatorCommands(cluster).length > 0;
}

function switchFiles(cluster: Cluster): Lines {
  const out = ['', ...block(`track_file ${HANDOVER_TRACK}`, [`file ${HANDOVER_FILE}`, 'weight 1'])];
  // nopreempt: a switch per instance, so one VIP can be handed over without a preemption (switches.ts)
  if (hasInstanceSwitches(cluster))
    for (const v of cluster.vips)
      out.push('', ...block(`track_file ${instanceTrack(v.instance)}`, [`file ${instanceFile(v.instance)}`, 'weight 1']));
  // weight 0: any non-zero value fails the real server's check
  for (const host of balancedHosts(cluster))
    out.push('', ...block(`track_file ${drainTrack(host)}`, [`file ${drainFile(host)}`, 'weight 0']));
  return out;
}

function vrrpInstance(cluster: Cluster, vip: Vip, director: string): Lines {
  const priority = vip.priorities[director];
  if (priority === undefined) throw new Error(`renderKeepalivedConf: no priority for ${director} on VIP ${vip.address}`);
  // keepalived refuses an initial MASTER state with AH authentication ("incompatible
  // with AH authentication - clearing"); every node then starts as BACKUP and
  // the priorities elect the same master a moment later.
  // nopreempt and preempt_delay work only on an instance that starts as BACKUP
  // (keepalived.conf(5)); the priorities still elect the MASTER at start-up.
  const { preempt, unicast, garp } = cluster.vrrp;
  const startsBackup = cluster.vrrp.auth?.type === 'AH' || preempt.nopreempt || preempt.delay > 0;
  const master = vip.master === director && !startsBackup;
  const body = [
    `state ${master ? 'MASTER' : 'BACKUP'}`,
    `interface ${vip.interface}`,
    `virtual_router_id ${vip.routerId}`,
    `priority ${priority}`,
    `advert_int ${vip.advertInterval}`,
    ...(preempt.nopreempt ? ['nopreempt'] : []),
    ...(preempt.delay > 0 ? [`preempt_delay ${preempt.delay}`] : []),
    ...(garp.masterDelay !== undefined ? [`garp_master_delay ${garp.masterDelay}`] : []),
    ...(garp.masterRepeat !== undefined ? [`garp_master_repeat ${garp.masterRepeat}`] : []),
    ...(garp.masterRefresh !== undefined ? [`garp_master_refresh ${garp.masterRefresh}`] : []),
    ...(unicast ? unicastLines(cluster, vip, director) : []),
    ...(cluster.vrrp.notify !== null ? [`notify ${NOTIFY_SCRIPT_PATH}`] : []),
    ...block('track_file', [HANDOVER_TRACK, ...(hasInstanceSwitches(cluster) ? [instanceTrack(vip.instance)] : [])]),
    ...(cluster.vrrp.trackScripts.length
      ? block(
          'track_script',
          cluster.vrrp.trackScripts.map((t) => t.name),
        )
      : []),
    ...(cluster.vrrp.trackInterfaces.length
      ? block(
          'track_interface',
          cluster.vrrp.trackInterfaces.map((t) => (t.weight === null ? t.interface : `${t.interface} weight ${t.weight}`)),
        )
      : []),
  ];
  // IPv6 VIPs use VRRPv3, which has no authentication (keepalived warns and
  // ignores it), so it is only written for IPv4 instances.
  const auth = cluster.vrrp.auth;
  if (auth && vip.family === 4) {
    body.push(...block('authentication', [`auth_type ${auth.type}`, `auth_pass ${auth.password.reveal()}`]));
  }
  body.push(...block('virtual_ipaddress', [`${vip.address}/${vip.family === 6 ? 128 : 32}`]));
  return block(`vrrp_instance ${vip.instance}`, body);
}

/**
 * VIPs that move together. keepalived 2.2.7 ignores the weight of whatever an
 * instance of a sync group tracks ("ignoring weight from tracked file ... due
 * to SYNC group") unless the group says sync_group_tracking_weight: without
 * it, the handover switch and weighted checks would do nothing there.
 */
function syncGroup(g: { name: string; instances: string[] }): Lines {
  return block(`vrrp_sync_group ${g.name}`, [...block('group', g.instances), 'sync_group_tracking_weight']);
}

/** The operator's check: the command quoted for keepalived (the schema allows no quote in it). */
function vrrpScript(t: TrackScript): Lines {
  return block(`vrrp_script ${t.name}`, [
    `script "${t.command}"`,
    `interval ${t.interval}`,
    `timeout ${t.timeout}`,
    `weight ${t.weight}`,
    `fall ${t.fall}`,
    `rise ${t.rise}`,
  ]);
}

/** This director's address as the source, every other director of the instance as a peer (from the inventory, never typed twice). */
function unicastLines(cluster: Cluster, vip: Vip, director: string): Lines {
  const source = unicastAddress(cluster, director, vip);
  return [
    `unicast_src_ip ${source}`,
    ...block(
      'unicast_peer',
      unicastPeers(cluster, vip, director).map((p) => p.address),
    ),
  ];
}

// A fwmark service is named by its mark (the directors' nftables rules set it
// on the VIP's ports, see nft-fwmark.ts). keepalived 2.2.7 warns about a
// protocol there (the mark says it), and its real servers and sorry server
// get no port: IPVS keeps each client's port.
function virtualServer(s: Service): Lines {
  const body = [`delay_loop ${s.delayLoop}`, `lb_algo ${s.scheduler}`, ...s.schedulerFlags, `lvs_method ${s.forwarding}`];
  if (s.persistence > 0) body.push(`persistence_timeout ${s.persistence}`);
  if (!s.fwmark) body.push(`protocol ${s.protocol}`);
  if (s.sorryServer) body.push(`sorry_server ${s.sorryServer.address}${s.fwmark ? '' : ` ${s.sorryServer.port}`}`);
  if (s.quorum) {
    body.push(`quorum ${s.quorum.weight}`);
    if (s.quorum.hysteresis > 0) body.push(`hysteresis ${s.quorum.hysteresis}`);
    if (s.quorum.up) body.push(`quorum_up "${s.quorum.up}"`);
    if (s.quorum.down) body.push(`quorum_down "${s.quorum.down}"`);
  }
  for (const rs of s.realServers) body.push(...realServer(rs, s.fwmark !== undefined));
  return block(s.fwmark ? `virtual_server fwmark ${s.fwmark.mark}` : `virtual_server ${s.vip} ${s.port}`, body);
}

function realServer(rs: RealServer, fwmark: boolean): Lines {
  // inhibit_on_failure: a failed check sets weight 0 instead of removing the
  // server, so established connections survive and draining can work the same way.
  // FILE_CHECK: the drain switch; the real server is up only while every check passes
  return block(fwmark ? `real_server ${rs.address}` : `real_server ${rs.address} ${rs.port}`, [
    `weight ${rs.weight}`,
    'inhibit_on_failure',
    ...block('FILE_CHECK', [`track_file ${drainTrack(rs.host)}`]),
    ...healthCheck(rs.healthCheck),
  ]);
}

function healthCheck(h: HealthCheck): Lines {
  const retries = [`retry ${h.retry}`, `delay_before_retry ${h.delayBeforeRetry}`];
  const connect = [`connect_timeout ${h.connectTimeout}`, ...retries, `connect_port ${h.port}`];
  switch (h.type) {
    case 'TCP_CHECK':
    case 'UDP_CHECK':
      return block(h.type, connect);
    case 'HTTP_GET':
    case 'SSL_GET':
      return block(h.type, [...block('url', [`path ${h.path ?? '/'}`, `status_code ${h.status ?? 200}`]), ...connect]);
    case 'DNS_CHECK':
      return block('DNS_CHECK', [...connect, `type ${h.query?.type ?? 'SOA'}`, `name ${h.query?.name ?? '.'}`]);
    case 'MISC_CHECK':
      // the schema allows no quote in the command; misc_timeout is how long it may run
      return block('MISC_CHECK', [
        `misc_path "${h.command}"`,
        `misc_timeout ${h.connectTimeout}`,
        ...(h.dynamic ? ['misc_dynamic'] : []),
        ...retries,
      ]);
  }
}

/** The same text with every auth_pass value replaced, for diffs and terminals (by structure: see lib/keepalived/redact.ts). */
export function redactKeepalivedConf(text: string): string {
  return redactKeepalivedText(text);
}
