import { strict as assert } from 'node:assert';
import { checkSyncGroups } from '../../lib/verify/sync-groups.js';
import { clusterOf } from '../support/clusters.js';
import { addAddress, healthy, removeAddress, unreachable } from './observations.js';

// the lab's two VIPs in one sync group, both with lvs-dr as MASTER
const grouped = clusterOf('lab', (inv) => {
  inv.vips[1]!.master = 'lvs-dr';
  inv.vrrp = { ...inv.vrrp, syncGroups: [{ name: 'g_web', vips: ['198.18.0.100', '198.18.0.110'] }] };
});

describe('verify/sync groups (issue 13)', () => {
  it('passes a group whose VIPs are all on one director, naming it', () => {
    assert.deepEqual(checkSyncGroups(grouped, healthy(grouped)), [
      { check: 'sync-group', target: 'g_web', status: 'pass', detail: 'every VIP on lvs-dr (bl_one, bl_two)' },
    ]);
  });

  it('fails a group split across directors, saying which VIP is where', () => {
    const obs = healthy(grouped);
    removeAddress(obs, 'lvs-dr', '198.18.0.110');
    addAddress(obs, 'lvs-dr2', 'eth0', '198.18.0.110');
    const [r] = checkSyncGroups(grouped, obs);
    assert.equal(r!.status, 'fail');
    assert.equal(
      r!.detail,
      'its VIPs are on different directors (198.18.0.100 on lvs-dr, 198.18.0.110 on lvs-dr2); a sync group moves as one',
    );
  });

  it('fails a group with a VIP no director holds; says nothing while a director is unread', () => {
    const obs = healthy(grouped);
    removeAddress(obs, 'lvs-dr', '198.18.0.110');
    assert.match(
      checkSyncGroups(grouped, obs)[0]!.detail,
      /not every VIP is held \(198\.18\.0\.100 on lvs-dr, 198\.18\.0\.110 on no director\)/,
    );
    unreachable(obs, 'lvs-dr2');
    assert.deepEqual(checkSyncGroups(grouped, obs), []);
  });

  it('has no rows without sync groups', () => {
    const lab = clusterOf('lab');
    assert.deepEqual(checkSyncGroups(lab, healthy(lab)), []);
  });
});
