import { strict as assert } from 'node:assert';
import { UserError } from '../../lib/errors.js';
import { labRouteGuard } from '../../lib/lab/route.js';
import { refuseBenchmarkRange } from '../../lib/ssh/route-guard.js';

describe('route guards (passed in through the connect options)', () => {
  it('with none given, the connector refuses exactly the benchmark range 198.18.0.0/15', async () => {
    for (const a of ['198.18.0.1', '198.19.255.254', '198.18.7.30']) await assert.rejects(refuseBenchmarkRange(a), UserError, a);
    for (const a of ['198.17.255.255', '198.20.0.1', '10.0.0.1', '192.168.122.10', 'fd00::1']) await refuseBenchmarkRange(a);
  });

  it("the CLI's lab guard lets addresses outside the lab range pass without looking at routes", async () => {
    const guard = labRouteGuard({ allowedDevices: ['no-such-device'] });
    for (const a of ['203.0.113.7', '192.168.122.10', '2001:db8::1']) await guard(a);
  });

  it("the CLI's lab guard refuses a lab address that is not routed through an allowed device", async () => {
    await assert.rejects(guard198(), /lab is not up: run lvs-play lab up \(198\.19\.254\.254: .*not the lab's no-such-device\)/);
  });
});

function guard198() {
  return labRouteGuard({ allowedDevices: ['no-such-device'] })('198.19.254.254');
}
