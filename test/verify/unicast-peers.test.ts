import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import type { PeerRoute } from '../../lib/facts/peer-routes.js';
import { peerRoutesFact } from '../../lib/facts/peer-routes.js';
import { checkUnicastPeers } from '../../lib/verify/unicast-peers.js';
import { clusterOf } from '../support/clusters.js';
import { healthy, host } from './observations.js';

const unicast = clusterOf('lab', (inv) => {
  inv.vrrp = { ...inv.vrrp, unicast: true };
});
const route = (address: string, more: Partial<PeerRoute> = {}): PeerRoute => ({
  address,
  dev: 'eth0',
  local: false,
  error: null,
  neighbour: ['REACHABLE'],
  ...more,
});
/** healthy lab observations with these routes on each director */
function withRoutes(lvsDr: PeerRoute, lvsDr2: PeerRoute) {
  const obs = healthy(unicast);
  host(obs, 'lvs-dr').director!.peerRoutes = [lvsDr];
  host(obs, 'lvs-dr2').director!.peerRoutes = [lvsDr2];
  return obs;
}

describe('verify/unicast peers (issue 13)', () => {
  it('one row per director and peer: routed out of the instance interface and answering ARP passes; a BACKUP that never sent is fine', () => {
    const rows = checkUnicastPeers(unicast, withRoutes(route('198.18.0.40'), route('198.18.0.30', { neighbour: [] })));
    assert.deepEqual(rows, [
      { check: 'unicast-peer', target: 'lvs-dr -> lvs-dr2 (198.18.0.40)', status: 'pass', detail: 'via eth0, neighbour REACHABLE' },
      {
        check: 'unicast-peer',
        target: 'lvs-dr2 -> lvs-dr (198.18.0.30)',
        status: 'pass',
        detail: 'via eth0, neighbour not learned yet (this director has not sent to it)',
      },
    ]);
  });

  it('a peer that does not answer ARP fails; a route out of another interface is degraded; no route or an own address fails', () => {
    const [failed, degraded] = checkUnicastPeers(
      unicast,
      withRoutes(route('198.18.0.40', { neighbour: ['FAILED'] }), route('198.18.0.30', { dev: 'eth1' })),
    );
    assert.equal(failed!.status, 'fail');
    assert.equal(failed!.detail, '198.18.0.40 does not answer ARP on eth0 (neighbour FAILED): adverts to lvs-dr2 are not delivered');
    assert.equal(degraded!.status, 'degraded');
    assert.equal(degraded!.detail, "routed via eth1, not eth0 (the instance's interface)");
    const [none, own] = checkUnicastPeers(
      unicast,
      withRoutes(
        route('198.18.0.40', { dev: null, error: 'RTNETLINK answers: Network is unreachable' }),
        route('198.18.0.30', { dev: 'lo', local: true }),
      ),
    );
    assert.equal(none!.detail, 'no route to 198.18.0.40 (RTNETLINK answers: Network is unreachable): its adverts to lvs-dr2 cannot leave');
    assert.equal(own!.detail, '198.18.0.30 is an address of lvs-dr2 itself, not of lvs-dr');
    assert.deepEqual([none!.status, own!.status], ['fail', 'fail']);
  });

  it('says nothing for a multicast cluster or an unread director', () => {
    const obs = withRoutes(route('198.18.0.40'), route('198.18.0.30'));
    assert.deepEqual(checkUnicastPeers(clusterOf('lab'), obs), []);
    assert.equal(checkUnicastPeers(unicast, { hosts: obs.hosts.filter((h) => h.host !== 'lvs-dr') }).length, 1);
  });

  it("the fact's command, run here, reads a route and an own address without sending a packet", () => {
    const fact = peerRoutesFact(['127.0.0.1', '192.0.2.77']);
    const stdout = execFileSync('/bin/sh', ['-c', fact.command], { encoding: 'utf8' });
    const [own, other] = fact.parse({ stdout, code: 0 });
    assert.deepEqual(own, { address: '127.0.0.1', dev: 'lo', local: true, error: null, neighbour: [] });
    assert.equal(other!.address, '192.0.2.77');
    assert.equal(other!.local, false);
    assert.ok(other!.error !== null || typeof other!.dev === 'string', JSON.stringify(other));
  });

  it('parses ip -j output and errors', () => {
    const fact = peerRoutesFact(['198.18.0.40', '198.18.0.30']);
    const parsed = fact.parse({
      stdout: [
        'route 198.18.0.30 RTNETLINK answers: Network is unreachable ',
        'neigh 198.18.0.30 ',
        'route 198.18.0.40 [{"dst":"198.18.0.40","dev":"eth0","prefsrc":"198.18.0.30","flags":[],"uid":0,"cache":[]}] ',
        'neigh 198.18.0.40 [{"dst":"198.18.0.40","dev":"eth0","lladdr":"aa:bb:cc:dd:ee:ff","state":["STALE"]}] ',
      ].join('\n'),
      code: 0,
    });
    assert.deepEqual(parsed, [
      { address: '198.18.0.30', dev: null, local: false, error: 'RTNETLINK answers: Network is unreachable', neighbour: [] },
      { address: '198.18.0.40', dev: 'eth0', local: false, error: null, neighbour: ['STALE'] },
    ]);
  });
});
