// The lab route guard's decision (lib/lab/route.ts labRouteVerdict), with the
// routes `ip -j route get` printed on the control machine and inside a lab
// container: the lab bridge always, a lab container's own eth0 only where
// every sign says "this is a lab container", and never a local address.

import { strict as assert } from 'node:assert';
import { markerText, parseMarker } from '../../lib/lab/host-marker.js';
import { LAB_BRIDGE, type LabHostSelf, labRouteVerdict, type RouteLookup } from '../../lib/lab/route.js';

const ID = '3039ac7bffb93760a8e798973462659b';
const OTHER_ID = 'b5b2d7a3f0e04a4f9d5c7f8e1a2b3c4d';
const allowed = [LAB_BRIDGE];
// as printed inside the client container for a director
const inContainer: RouteLookup = { dev: 'eth0', prefsrc: '198.18.0.50' };
const marked: LabHostSelf = { marker: { machineId: ID, address: '198.18.0.50' }, machineId: ID, hasDefaultRoute: false };

describe('labRouteVerdict', () => {
  it('via the lab bridge: yes, mark or not', () => {
    assert.deepEqual(labRouteVerdict({ dev: LAB_BRIDGE, prefsrc: '198.18.0.1' }, allowed, null), { ok: true, via: 'lab-device' });
  });

  it('a local address or no route: no', () => {
    assert.deepEqual(labRouteVerdict({ dev: 'lo', type: 'local' }, allowed, marked), {
      ok: false,
      why: 'it is an address of this machine',
    });
    assert.deepEqual(labRouteVerdict(undefined, allowed, marked), { ok: false, why: 'no route' });
  });

  it('eth0 with no mark (the control machine, a VM, any other machine): no', () => {
    assert.deepEqual(labRouteVerdict(inContainer, allowed, null), { ok: false, why: 'routed via eth0' });
  });

  it('eth0 inside a marked lab container: yes', () => {
    assert.deepEqual(labRouteVerdict(inContainer, allowed, marked), { ok: true, via: 'lab-host' });
  });

  it('the mark does not name this machine (copied from elsewhere): no', () => {
    const v = labRouteVerdict(inContainer, allowed, { ...marked, machineId: OTHER_ID });
    assert.equal(v.ok, false);
    assert.match((v as { why: string }).why, /written for another machine/);
    assert.equal(labRouteVerdict(inContainer, allowed, { ...marked, machineId: '' }).ok, false);
  });

  it('an unreadable mark: no', () => {
    assert.match((labRouteVerdict(inContainer, allowed, { ...marked, marker: null }) as { why: string }).why, /not a valid lab-host mark/);
  });

  it('a default route (the machine reaches beyond the lab link): no', () => {
    assert.match((labRouteVerdict(inContainer, allowed, { ...marked, hasDefaultRoute: true }) as { why: string }).why, /default route/);
  });

  it('through a gateway, or from another source address: no', () => {
    assert.match(
      (labRouteVerdict({ ...inContainer, gateway: '198.18.0.1' }, allowed, marked) as { why: string }).why,
      /through gateway 198\.18\.0\.1/,
    );
    assert.match(
      (labRouteVerdict({ ...inContainer, prefsrc: '198.18.0.99' }, allowed, marked) as { why: string }).why,
      /from 198\.18\.0\.99, not this lab host's 198\.18\.0\.50/,
    );
  });

  it('another device than eth0 inside a marked container: no', () => {
    assert.equal(labRouteVerdict({ dev: 'wg0', prefsrc: '198.18.0.50' }, allowed, marked).ok, false);
  });
});

describe('the lab-host mark', () => {
  it('reads back what lab up writes', () => {
    assert.deepEqual(parseMarker(markerText({ machineId: ID, address: '198.18.0.50' })), { machineId: ID, address: '198.18.0.50' });
  });
  it('a mark without a machine id or address, or with a malformed id, is no mark', () => {
    assert.equal(parseMarker('address=198.18.0.50\n'), null);
    assert.equal(parseMarker(`machine-id=${ID}\n`), null);
    assert.equal(parseMarker('machine-id=xyz\naddress=198.18.0.50\n'), null);
    assert.equal(parseMarker(''), null);
  });
});
