import { strict as assert } from 'node:assert';
import { assertLabRoute, isLabAddress } from '../../lib/lab/route.js';

// The accepting side (a lab address routed through a device a test created)
// is exercised by test/ssh/transport.test.ts against its own namespace.
describe('lab route check', () => {
  it('knows the lab range, 198.18.0.0/15', () => {
    for (const a of ['198.18.0.1', '198.19.255.254']) assert.equal(isLabAddress(a), true, a);
    for (const a of ['198.17.255.255', '198.20.0.1', '192.168.122.10', '10.0.0.1', 'fd00::1', 'lab.example', '198.18.0'])
      assert.equal(isLabAddress(a), false, a);
  });

  it('refuses anything outside the lab range without asking the kernel', async () => {
    await assert.rejects(assertLabRoute('192.168.122.10'), /refusing to contact 192\.168\.122\.10: not a lab address/);
  });

  it('refuses a lab address routed through a device that is not in the allowed list', async () => {
    // whatever the kernel picks here (the default route, or the lab's bridge if
    // a lab is up), it is not "lvsp-nothing"
    await assert.rejects(assertLabRoute('198.18.255.77', { allowedDevices: ['lvsp-nothing'] }), /not the lab \(lvsp-nothing\)/);
  });
});
