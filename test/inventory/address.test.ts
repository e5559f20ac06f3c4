// The address helpers the cluster rules compare with: the family of a text,
// its canonical form, and the IPv4 address an IPv4-mapped IPv6 one stands for.

import { strict as assert } from 'node:assert';
import { canonicalIp, hostIp, ipFamily, sameIp } from '../../lib/inventory/address.js';

describe('inventory address helpers', () => {
  it('ipFamily: 4 and 6 for addresses, null for names, scoped addresses and empty text', () => {
    assert.equal(ipFamily('198.18.0.10'), 4);
    assert.equal(ipFamily('2001:db8::1'), 6);
    assert.equal(ipFamily('::'), 6);
    assert.equal(ipFamily('::ffff:198.18.0.10'), 6);
    assert.equal(ipFamily('fe80::1%eth0'), null); // a zone is not an address a host can own
    for (const text of ['', 'lvs-dr', 'web1.example.com', '198.18.0', '198.18.0.256', ':', '2001:db8::g'])
      assert.equal(ipFamily(text), null, text);
  });

  it('canonicalIp, sameIp and hostIp agree across spellings', () => {
    assert.equal(canonicalIp('2001:DB8:0::1'), '2001:db8::1');
    assert.equal(canonicalIp('lvs-dr'), null);
    assert.ok(sameIp('2001:db8::1', '2001:DB8:0:0::1'));
    assert.ok(!sameIp('198.18.0.10', '198.18.0.11'));
    assert.equal(hostIp('::ffff:198.18.0.10'), '198.18.0.10');
    assert.equal(hostIp('2001:db8::1'), '2001:db8::1');
    assert.equal(hostIp('web1'), null);
  });
});
