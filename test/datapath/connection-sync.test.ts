// Issue 13: a connection open while its VIP moves, on directors with IP_VS.
// keepalived's `lvs_sync_daemon` (no instance name) runs the IPVS master and
// backup sync daemons on both directors, so the new holder knows the
// connections the old one forwarded, and sends their next packets to the
// same real server. But the kernel holds a part-filled sync message until it
// is 2 s old: a connection opened just before the move is unknown to the
// taker, whose own stack answers its next packet with a reset. vrrp.syncMaxlen
// makes every connection a message of its own, sent at once.
//
// Each trial: the client opens a connection to the first VIP and makes a
// request; 50 ms later it asks lvs-dr (through a listener this test starts
// there) to set lvs-play's handover switch to -254, so every instance of
// lvs-dr goes to FAULT and the VIP moves to lvs-dr2, as a rollout moves it;
// 300 ms later it makes a second request on the same connection. Then the
// switch goes back to 0 and lvs-dr takes its VIP back (the lab's cluster
// preempts) before the next trial.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lvsPlay } from '../support/cli.js';
import { DATAPATH_INVENTORY, DIRECTORS, useDatapathLab, VIPS, verifyPasses } from '../support/datapath.js';
import { waitFor } from '../support/wait.js';

const VIP = VIPS[0]!;
const TRIGGER_PORT = 9999;
const TRIGGER_UNIT = 'lvsp-test-handover-trigger';
const HANDOVER = '/var/lib/lvs-play/switches/handover';

/** On lvs-dr: each connection flips the handover switch (-254, then 0); on 0 it answers once lvs-dr holds the VIP again. */
const TRIGGER = (address: string) => String.raw`
import socket, subprocess, time
s = socket.create_server(('${address}', ${TRIGGER_PORT}))
n = 0
while True:
    c, _ = s.accept()
    v = '-254' if n % 2 == 0 else '0'
    n += 1
    open('${HANDOVER}', 'w').write(v + '\n')
    if v == '0':
        for _ in range(600):
            if ' ${VIP}/' in subprocess.run(['ip', '-o', '-4', 'addr', 'show', 'dev', 'eth0'], capture_output=True, text=True).stdout:
                break
            time.sleep(0.1)
    c.sendall(v.encode())
    c.close()
`;

/** On the client: the trials, one JSON line each. */
const TRIALS = (director: string, count: number) => String.raw`
import http.client, json, socket, time
def flip():
    t = socket.create_connection(('${director}', ${TRIGGER_PORT}), timeout=70)
    t.recv(8)
    t.close()
for i in range(${count}):
    c = http.client.HTTPConnection('${VIP}', 80, timeout=3)
    c.request('GET', '/index.html')
    first = c.getresponse().read().decode().strip()
    time.sleep(0.05)
    flip()
    time.sleep(0.3)
    try:
        c.request('GET', '/index.html')
        second = c.getresponse().read().decode().strip()
    except Exception as e:
        second = type(e).__name__
    c.close()
    print(json.dumps({'first': first, 'second': second}), flush=True)
    flip()
`;

describe('datapath: a connection opened 50 ms before its VIP moves (issue 13)', function () {
  this.timeout(15 * 60_000);
  const lab = useDatapathLab();
  let dir = '';

  async function trials(count: number): Promise<{ first: string; second: string }[]> {
    const script = Buffer.from(TRIALS(lab.address('lvs-dr'), count)).toString('base64');
    const out = await lab.run('client', `echo ${script} | base64 -d | python3 -`);
    return out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { first: string; second: string });
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-dp-sync-'));
    await waitFor(
      `lvs-dr holds ${VIP}`,
      async () => (await lab.run('lvs-dr', 'ip -o -4 addr show dev eth0')).includes(` ${VIP}/`),
      30_000,
      500,
    );
    const script = Buffer.from(TRIGGER(lab.address('lvs-dr'))).toString('base64');
    await lab.run(
      'lvs-dr',
      `echo ${script} | base64 -d > /run/${TRIGGER_UNIT}.py && systemctl reset-failed ${TRIGGER_UNIT} 2>/dev/null; systemd-run --unit=${TRIGGER_UNIT} --quiet python3 /run/${TRIGGER_UNIT}.py`,
    );
    const listening = async () => (await lab.run('lvs-dr', `ss -Hltn 'sport = :${TRIGGER_PORT}'`)).trim() !== '';
    await waitFor('the handover trigger listening on lvs-dr', listening, 10_000, 250).catch(async (e) => {
      throw new Error(`${(e as Error).message}\n${await lab.run('lvs-dr', `journalctl -u ${TRIGGER_UNIT} --no-pager | tail -20; true`)}`);
    });
  });

  after(async function () {
    this.timeout(10 * 60_000);
    await lab.ssh('lvs-dr', `systemctl stop ${TRIGGER_UNIT}; rm -f /run/${TRIGGER_UNIT}.py; rm -f ${HANDOVER}`);
    const d = await lvsPlay(['deploy', DATAPATH_INVENTORY]);
    if (dir) rmSync(dir, { recursive: true, force: true });
    assert.equal(d.code, 0, d.stdout + d.stderr);
    await verifyPasses(DATAPATH_INVENTORY);
  });

  it("with keepalived's default sync messages the taker resets it; with syncMaxlen 64 it carries on, answered by the same real server", async () => {
    const control = await trials(2);
    process.stderr.write(`      [datapath] default sync messages (maxlen: the MTU): ${JSON.stringify(control)}\n`);
    assert.deepEqual(
      control.map((t) => t.second),
      ['ConnectionResetError', 'ConnectionResetError'],
      'the control: with part-filled messages held up to 2 s, the taker does not know the connection yet',
    );

    const inv = JSON.parse(readFileSync(DATAPATH_INVENTORY, 'utf8')) as Record<string, unknown> & { vrrp: Record<string, unknown> };
    delete inv.$schema;
    inv.vrrp.syncMaxlen = 64;
    const file = join(dir, 'lab-datapath-sync64.json');
    writeFileSync(file, JSON.stringify(inv, null, 2));
    const d = await lvsPlay(['deploy', file]);
    assert.equal(d.code, 0, d.stdout + d.stderr);
    for (const director of DIRECTORS)
      assert.match(
        await lab.run(director, 'ipvsadm -L --daemon'),
        /master sync daemon .*maxlen=64/,
        `${director} runs the new sync daemon`,
      );

    const synced = await trials(4);
    process.stderr.write(`      [datapath] syncMaxlen 64: ${JSON.stringify(synced)}\n`);
    for (const t of synced) assert.equal(t.second, t.first, 'the same real server answered on the same connection after the move');
  });
});
