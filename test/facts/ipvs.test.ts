import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ipvsFact, parseIpvsadmList, parseIpvsState } from '../../lib/facts/ipvs.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/facts/${name}`, import.meta.url), 'utf8');

// The seed article's section 4, as printed there (the HTML lost the leading spaces).
const SEED_IPVSADM = `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
-> RemoteAddress:Port Forward Weight ActiveConn InActConn
TCP 192.168.122.100:80 rr persistent 1
-> 192.168.122.10:80 Route 1 0 12
-> 192.168.122.20:80 Route 1 0 11
TCP 192.168.122.110:80 rr persistent 1
-> 192.168.122.10:80 Route 1 0 0
-> 192.168.122.20:80 Route 1 0 0
`;

describe('facts/ipvs', () => {
  it("reads the seed article's ipvsadm -Ln output", () => {
    const t = parseIpvsadmList(SEED_IPVSADM);
    assert.equal(t.length, 2);
    assert.deepEqual(t[0], {
      protocol: 'TCP',
      address: '192.168.122.100',
      port: 80,
      scheduler: 'rr',
      persistence: 1,
      flags: [],
      realServers: [
        { address: '192.168.122.10', port: 80, forwarding: 'Route', weight: 1, activeConnections: 0, inactiveConnections: 12 },
        { address: '192.168.122.20', port: 80, forwarding: 'Route', weight: 1, activeConnections: 0, inactiveConnections: 11 },
      ],
    });
    assert.deepEqual(
      t[1]!.realServers.map((r) => r.inactiveConnections),
      [0, 0],
    );
  });

  it("reads ipvsadm's own column layout (padding, trailing spaces), weight 0 included", () => {
    const t = parseIpvsadmList(fixture('ipvsadm-lab.txt'));
    assert.deepEqual(
      t.map((s) => `${s.protocol} ${s.address}:${s.port} ${s.scheduler} ${s.persistence}`),
      ['TCP 198.18.0.100:80 rr 50', 'TCP 198.18.0.110:80 rr 50'],
    );
    assert.deepEqual(t[0]!.realServers[1], {
      address: '198.18.0.20',
      port: 80,
      forwarding: 'Route',
      weight: 1,
      activeConnections: 2,
      inactiveConnections: 5,
    });
    assert.equal(t[1]!.realServers[1]!.weight, 0);
  });

  it('reads IPv6, UDP with scheduler flags and a persistence mask, firewall marks, and a service with no real server', () => {
    const t = parseIpvsadmList(fixture('ipvsadm-mixed.txt'));
    assert.equal(t.length, 4);
    assert.deepEqual([t[0]!.address, t[0]!.port, t[0]!.persistence], ['2001:db8::100', 443, 0]);
    assert.deepEqual(t[0]!.realServers[0], {
      address: '2001:db8::10',
      port: 8443,
      forwarding: 'Route',
      weight: 3,
      activeConnections: 1,
      inactiveConnections: 0,
    });
    assert.deepEqual(
      [t[1]!.protocol, t[1]!.scheduler, t[1]!.persistence, t[1]!.flags],
      ['UDP', 'sh', 300, ['(sh-port)', 'mask 255.255.255.0']],
    );
    assert.equal(t[1]!.realServers[0]!.forwarding, 'Masq');
    assert.deepEqual(
      [t[2]!.protocol, t[2]!.address, t[2]!.port, t[2]!.flags, t[2]!.realServers[0]!.forwarding],
      ['FWM', '7', 0, ['ops'], 'Tunnel'],
    );
    assert.deepEqual(t[3]!.realServers, []);
  });

  it('reads an empty table as no services', () => {
    assert.deepEqual(parseIpvsadmList(fixture('ipvsadm-empty.txt')), []);
    assert.deepEqual(parseIpvsadmList(''), []);
  });

  it('refuses a line it cannot read instead of guessing', () => {
    assert.throws(() => parseIpvsadmList('TCP  nonsense rr\n'), /cannot read virtual service line/);
    assert.throws(() => parseIpvsadmList('  -> 10.0.0.1:80 Route 1 0 0\n'), /before any virtual service/);
  });

  it('tells loaded, module and absent apart, and says why a loaded table was not read', () => {
    assert.deepEqual(parseIpvsState('kernel 6.18.0\nsupport absent\n'), {
      support: 'absent',
      kernelRelease: '6.18.0',
      table: null,
      error: null,
    });
    assert.deepEqual(parseIpvsState('kernel 6.1.0-18-amd64\nsupport module\n'), {
      support: 'module',
      kernelRelease: '6.1.0-18-amd64',
      table: null,
      error: null,
    });
    const loaded = parseIpvsState(`kernel 6.1.0-18-amd64\nsupport loaded\nipvsadm 0\n${fixture('ipvsadm-lab.txt')}`);
    assert.equal(loaded.support, 'loaded');
    assert.equal(loaded.table!.length, 2);
    assert.deepEqual(parseIpvsState('kernel 6.1\nsupport loaded\nipvsadm missing\n'), {
      support: 'loaded',
      kernelRelease: '6.1',
      table: null,
      error: 'ipvsadm is not installed',
    });
    const failed = parseIpvsState("kernel 6.1\nsupport loaded\nipvsadm 2\nCan't initialize ipvs: Permission denied (you must be root)\n");
    assert.equal(failed.table, null);
    assert.match(failed.error!, /exited 2: Can't initialize ipvs: Permission denied/);
    assert.throws(() => parseIpvsState('sh: 1: syntax error\n'), /unexpected answer/);
  });

  describe('its command never loads ip_vs', () => {
    // Loading happens two ways: modprobe without -n (or insmod), and ipvsadm
    // run while the module is not loaded (its library runs `modprobe ip_vs`,
    // and its netlink request makes the kernel autoload it). The command is
    // run by a real sh with stand-ins for modprobe, insmod and ipvsadm first
    // on PATH, which record every call; /proc/net/ip_vs (where the command
    // looks for a loaded module) is swapped for a path this test controls, so
    // both branches run on any machine, whatever its kernel has.
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'lvsp-ipvs-fact-'));
      mkdirSync(join(dir, 'bin'));
      for (const tool of ['modprobe', 'insmod', 'ipvsadm']) {
        const out = tool === 'ipvsadm' ? 'echo "IP Virtual Server version 1.2.1 (size=4096)"' : '';
        writeFileSync(
          join(dir, 'bin', tool),
          `#!/bin/sh\necho "${tool} $*" >>"$LVSP_CALLS"\n${out}\nexit "\${LVSP_${tool.toUpperCase()}_EXIT:-0}"\n`,
          { mode: 0o755 },
        );
      }
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    /** Runs a command with the stand-ins; returns its parsed state and the calls that would load ip_vs. */
    function run(command: string, { loaded, modprobeExit = 0 }: { loaded: boolean; modprobeExit?: number }) {
      const marker = join(dir, 'proc-net-ip_vs');
      rmSync(marker, { force: true });
      if (loaded) writeFileSync(marker, '');
      const calls = join(dir, 'calls');
      writeFileSync(calls, '');
      assert.equal(command.split('/proc/net/ip_vs').length, 2, 'the command looks for /proc/net/ip_vs exactly once');
      const stdout = execFileSync('/bin/sh', ['-c', command.replace('/proc/net/ip_vs', marker)], {
        env: { PATH: `${join(dir, 'bin')}:/usr/sbin:/usr/bin:/sbin:/bin`, LVSP_CALLS: calls, LVSP_MODPROBE_EXIT: String(modprobeExit) },
      }).toString();
      const made = readFileSync(calls, 'utf8').split('\n').filter(Boolean);
      const loads = made.filter((c) => {
        const [tool, ...args] = c.split(' ');
        if (tool === 'insmod') return true;
        if (tool === 'ipvsadm') return !loaded;
        return !args.some((a) => a === '--dry-run' || /^-[a-zA-Z]*n[a-zA-Z]*$/.test(a)); // modprobe without -n
      });
      return { state: parseIpvsState(stdout), made, loads };
    }

    it('not loaded: only a dry-run modprobe, never ipvsadm; "module" or "absent" from its answer', () => {
      const could = run(ipvsFact.command, { loaded: false, modprobeExit: 0 });
      assert.deepEqual(could.made, ['modprobe -n -q ip_vs'], 'the stand-ins are really called');
      assert.deepEqual(could.loads, []);
      assert.equal(could.state.support, 'module');
      // modprobe -n says no: the command looks in modules.dep, which this machine may have
      const none = run(ipvsFact.command, { loaded: false, modprobeExit: 1 });
      assert.deepEqual(none.loads, []);
      const dep = `/lib/modules/${execFileSync('uname', ['-r']).toString().trim()}/modules.dep`;
      assert.equal(none.state.support, existsSync(dep) && /\/ip_vs\.ko/.test(readFileSync(dep, 'utf8')) ? 'module' : 'absent');
    });

    it('loaded: reads the table with ipvsadm -Ln and calls no modprobe', () => {
      const r = run(ipvsFact.command, { loaded: true });
      assert.deepEqual(r.made, ['ipvsadm -Ln']);
      assert.deepEqual(r.loads, []);
      assert.deepEqual([r.state.support, r.state.table], ['loaded', []]);
    });

    it('(the control) sees a command that would load it: modprobe without -n, ipvsadm before the check', () => {
      const modprobe = ipvsFact.command.replace('modprobe -n -q ip_vs', 'modprobe -q ip_vs');
      assert.notEqual(modprobe, ipvsFact.command);
      assert.deepEqual(run(modprobe, { loaded: false }).loads, ['modprobe -q ip_vs']);
      const ipvsadmFirst = `ipvsadm -Ln >/dev/null 2>&1\n${ipvsFact.command}`;
      assert.deepEqual(run(ipvsadmFirst, { loaded: false }).loads, ['ipvsadm -Ln']);
    });
  });

  it('its real command changes nothing this kernel shows about ip_vs, and its answer fits the kernel', () => {
    // What a real kernel would show if the command loaded ip_vs: the module in
    // /proc/modules and the table in /proc/net/ip_vs. Read before and after.
    // On a kernel built without module support (CONFIG_MODULES unset: no
    // /proc/modules, as on the machine this suite was written on) and without
    // IP_VS, nothing can load it: then this only checks the answer ("absent"),
    // and the stand-in tests above are what prove the command loads nothing.
    const observe = () => ({
      table: existsSync('/proc/net/ip_vs'),
      module: existsSync('/proc/modules')
        ? readFileSync('/proc/modules', 'utf8')
            .split('\n')
            .some((l) => l.startsWith('ip_vs '))
        : null,
    });
    const before = observe();
    const state = ipvsFact.parse({ stdout: execFileSync('/bin/sh', ['-c', ipvsFact.command]).toString(), code: 0 });
    assert.deepEqual(observe(), before, 'running the fact changed what the kernel shows of ip_vs');
    assert.equal(state.support === 'loaded', before.table);
    if (before.module === null && !before.table)
      assert.equal(state.support, 'absent', 'a kernel without modules and without the table has no IP_VS');
    assert.ok(state.kernelRelease.length > 0);
  });
});
