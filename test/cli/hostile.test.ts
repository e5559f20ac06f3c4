// Hostile input through the built binary (issue 12, item 6): each case ends
// with "error: ..." (and "hint: ..."), exit 1, no stack trace, promptly,
// and nothing from the input printed raw. No host is contacted: every case
// is refused before (the inventories' addresses are not reachable anyway).

import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CliResult, lvsPlay } from '../support/cli.js';

const exampleFile = new URL('../../inventory/example.json', import.meta.url).pathname;
const example = () => JSON.parse(readFileSync(exampleFile, 'utf8'));

/** Exit 1, stderr exactly these lines after any warnings, no stack, no raw control character. */
function refused(r: CliResult, ...lines: string[]): void {
  assert.equal(r.code, 1, `exit code; stderr:\n${r.stderr}`);
  const own = r.stderr
    .split('\n')
    .filter((l) => !l.startsWith('warning: '))
    .join('\n');
  assert.equal(own, `${lines.join('\n')}\n`);
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'a stack trace');
  assert.doesNotMatch(r.stderr, /internal error/);
  assert.doesNotMatch(r.stderr + r.stdout, /[\x00-\x09\x0b-\x1f\x7f-\x9f]/, 'a raw control character');
}

describe('cli: hostile input', function () {
  this.timeout(120_000); // a FIFO read would block forever: this timeout is then the failure
  let dir: string;
  let drains: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsp-hostile-cli-'));
    drains = join(dir, 'drains');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  };
  const run = (args: string[]) => lvsPlay(args, { LVS_PLAY_DRAINS_DIR: drains });

  it('deeply nested JSON with a syntax error', async () => {
    const file = write('deep.json', `${'['.repeat(100_000)}1,,`);
    refused(
      await run(['validate', file]),
      `error: inventory ${file} is nested deeper than 64 levels at line 1, column 65`,
      'hint: an inventory needs about 8 levels: is this the right file?',
    );
  });

  it('a deep object under time.servers', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const file = write('deep-servers.json', JSON.stringify(example()).replace(/"servers":\[[^\]]*\]/, `"servers":[${deep},${deep}]`));
    for (const command of ['validate', 'check']) {
      refused(
        await run([command, file]),
        `error: inventory ${file} is nested deeper than 64 levels at line 1, column 1595`,
        'hint: an inventory needs about 8 levels: is this the right file?',
      );
    }
  });

  it('a FIFO as the inventory or as passwordFile returns at once', async () => {
    const fifo = join(dir, 'inventory.fifo');
    execFileSync('mkfifo', [fifo]);
    try {
      for (const command of ['validate', 'check', 'deploy']) {
        refused(
          await run([command, fifo]),
          `error: inventory ${fifo} is a FIFO (named pipe), not a regular file`,
          'hint: give the path of an inventory JSON file (a regular file), e.g. inventory/example.json',
        );
      }
      const inv = example();
      inv.vrrp.authentication = { type: 'PASS', passwordFile: fifo };
      const file = write('fifo-password.json', inv);
      for (const command of ['validate', 'check']) {
        refused(
          await run([command, file]),
          `error: ${file}: 1 problem`,
          `/vrrp/authentication/passwordFile: password file ${fifo} is a FIFO (named pipe), not a regular file; create it with the VRRP password on one line, or use password or passwordEnv`,
        );
      }
    } finally {
      rmSync(fifo, { force: true });
    }
  });

  it('--limit constructor, __proto__ or toString: an unknown name for check and rollout', async () => {
    for (const command of ['check', 'rollout', 'verify']) {
      for (const name of ['constructor', '__proto__', 'toString']) {
        refused(
          await run([command, exampleFile, '--limit', name]),
          `error: --limit: "${name}" is neither a host nor a group of cluster seed`,
          'hint: hosts: lvs-dr, lvs-dr2, lvs01, lvs02; groups: directors, realservers',
        );
      }
    }
  });

  it('duplicate JSON keys: each at its JSON pointer with its lines', async () => {
    const text = JSON.stringify(example(), null, 2)
      .replace('"name": "seed",', '"name": "seed",\n  "name": "other",')
      .replace('"address": "192.168.122.100",', '"address": "192.168.122.100",\n      "address": "192.168.122.101",');
    const file = write('dup.json', text);
    for (const command of ['validate', 'check']) {
      refused(
        await run([command, file]),
        `error: ${file}: 2 problems`,
        '/name: duplicate key "name" (line 4; first on line 3); keep one',
        '/vips/0/address: duplicate key "address" (line 53; first on line 52); keep one',
      );
    }
  });

  it('an IPv4-mapped IPv6 address duplicating an IPv4 host', async () => {
    const inv = example();
    inv.hosts.push({ name: 'lvs03', address: '::ffff:192.168.122.10' });
    const file = write('mapped.json', inv);
    refused(
      await run(['validate', file]),
      `error: ${file}: 1 problem`,
      '/hosts/4/address: ::ffff:192.168.122.10 (that is 192.168.122.10) is already the address of lvs01 (/hosts/2); every host needs its own address',
    );
  });

  it('control characters never reach the terminal: inventory values, file names, --limit, commands, options', async () => {
    const inv = example();
    inv.hosts[3].name = 'x\x1b[31m\n/vips/0/address: forged';
    const file = write('ansi.json', inv);
    const v = await run(['validate', file]);
    refused(
      v,
      `error: ${file}: 4 problems`,
      '/groups/realservers/1: "lvs02" is not a host; add it to "hosts" or use one of: lvs-dr, lvs-dr2, lvs01, x\\x1b[31m\\n/vips/0/address: forged',
      '/hosts/3/name: must be a host name (lowercase letters, digits and "-", 1-63 characters, no "-" at either end), got "x\\x1b[31m\\n/vips/0/address: forged"',
      '/vips/0/services/0/realServers/1/host: "lvs02" is not an inventory host; use one of: lvs01, lvs02',
      '/vips/1/services/0/realServers/1/host: "lvs02" is not an inventory host; use one of: lvs01, lvs02',
    );
    refused(
      await run(['check', join(dir, 'a\x1b[2Jb\nerror: forged.json')]),
      `error: inventory ${dir}/a\\x1b[2Jb\\nerror: forged.json does not exist`,
      'hint: give the path of an inventory JSON file, e.g. inventory/example.json',
    );
    refused(
      await run(['check', exampleFile, '--limit', 'lvs01,\x1b]0;owned\x07\nerror: forged']),
      'error: --limit: "\\x1b]0;owned\\x07\\nerror: forged" is neither a host nor a group of cluster seed',
      'hint: hosts: lvs-dr, lvs-dr2, lvs01, lvs02; groups: directors, realservers',
    );
    refused(
      await run(['check', exampleFile, '--\x1b[31mred']),
      "error: check: Unknown option '--\\x1b[31mred'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--\\u001b[31mred\"",
      'hint: lvs-play check --help',
    );
    const unknown = await run(['\x1b[2Jdeploy']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^lvs-play: unknown command "\\x1b\[2Jdeploy"\n/);
    assert.doesNotMatch(unknown.stderr, /\x1b/);
  });

  it('check --limit that names nothing is an error, not "in sync"', async () => {
    for (const limit of [',', ' , ', '']) {
      refused(
        await run(['check', exampleFile, '--limit', limit]),
        `error: --limit "${limit}" names no host or group`,
        'hint: give host or group names separated by commas, e.g. --limit directors or --limit lvs01,lvs02; leave --limit out for every host',
      );
    }
  });

  it('--limit naming only hosts the playbook has no task for (the lab\'s client) is an error, not "in sync"', async () => {
    const lab = new URL('../../inventory/lab.json', import.meta.url).pathname;
    for (const command of ['check', 'deploy', 'rollout']) {
      refused(
        await run([command, lab, '--limit', 'client']),
        'error: --limit "client" selects no host the playbook has a task for (client)',
        'hint: select directors or real servers, e.g. --limit directors',
      );
    }
  });

  it('numeric options: digits in range only, one line naming the option', async () => {
    const cases: [string[], string][] = [
      [['check', exampleFile, '--forks', '1e10'], '--forks must be a whole number from 1 to 1024, got "1e10"'],
      [['check', exampleFile, '--forks', '0'], '--forks must be a whole number from 1 to 1024, got "0"'],
      [['check', exampleFile, '--forks=-1'], '--forks must be a whole number from 1 to 1024, got "-1"'],
      [['check', exampleFile, '--forks', 'abc'], '--forks must be a whole number from 1 to 1024, got "abc"'],
      [['check', exampleFile, '--forks', '1025'], '--forks must be a whole number from 1 to 1024, got "1025"'],
      [['deploy', exampleFile, '--check', '--forks', '0x10'], '--forks must be a whole number from 1 to 1024, got "0x10"'],
      [['deploy', exampleFile, '--max-fail', '2.5'], '--max-fail must be a whole number from 1 to 100000, got "2.5"'],
      [['rollout', exampleFile, '--drain-timeout', '1e10'], '--drain-timeout must be a whole number from 1 to 86400, got "1e10"'],
      [['deploy', exampleFile, '--rolling', '--drain-timeout', ' 5'], '--drain-timeout must be a whole number from 1 to 86400, got " 5"'],
      [['drain', exampleFile, 'lvs01', '--wait', 'Infinity'], '--wait must be a whole number from 0 to 86400, got "Infinity"'],
      [['undrain', exampleFile, '--wait', '86401'], '--wait must be a whole number from 0 to 86400, got "86401"'],
    ];
    for (const [args, message] of cases) refused(await run(args), `error: ${message}`);
  });

  it('a plain deploy checks every option before it contacts the directors to undo a left switch record', async () => {
    mkdirSync(drains, { recursive: true });
    const record = join(drains, 'seed.json');
    // a record of a run that is gone (pid 2^22+1 is above any pid_max default): deploy would undrain lvs01 first
    writeFileSync(
      record,
      JSON.stringify({
        cluster: 'seed',
        inventory: exampleFile,
        runId: 'r1',
        pid: 4194305,
        command: 'lvs-play rollout',
        drains: [{ realServer: 'lvs01', directors: ['lvs-dr', 'lvs-dr2'], since: '2026-01-01T00:00:00.000Z' }],
        handovers: [],
      }),
    );
    try {
      const cases: [string[], string[]][] = [
        [['--forks', '1e10'], ['error: --forks must be a whole number from 1 to 1024, got "1e10"']],
        [['--max-fail', '0'], ['error: --max-fail must be a whole number from 1 to 100000, got "0"']],
        [
          ['--limit', 'nobody'],
          [
            'error: --limit: "nobody" is neither a host nor a group of cluster seed',
            'hint: hosts: lvs-dr, lvs-dr2, lvs01, lvs02; groups: directors, realservers',
          ],
        ],
        [
          ['--limit', ','],
          [
            'error: --limit "," names no host or group',
            'hint: give host or group names separated by commas, e.g. --limit directors or --limit lvs01,lvs02; leave --limit out for every host',
          ],
        ],
        [
          ['--playbook', join(dir, 'none.mjs')],
          [
            `error: --playbook ${join(dir, 'none.mjs')} does not exist`,
            'hint: give the path of a JavaScript or TypeScript module whose default export is a playbook',
          ],
        ],
        [['extra'], ['error: deploy: unexpected argument "extra"', 'hint: lvs-play deploy --help']],
      ];
      for (const [args, lines] of cases) {
        const r = await run(['deploy', exampleFile, ...args]);
        refused(r, ...lines);
        assert.equal(r.stdout, '', 'nothing undrained, nothing contacted');
        assert.match(r.stderr, /^warning: cluster seed: lvs01 is drained on lvs-dr, lvs-dr2/);
      }
    } finally {
      rmSync(record, { force: true });
    }
  });

  it('extra positional arguments are an error for every command', async () => {
    const cases: [string[], string][] = [
      [['check', exampleFile, 'x'], 'check'],
      [['deploy', exampleFile, 'x'], 'deploy'],
      [['rollout', exampleFile, 'x'], 'rollout'],
      [['validate', exampleFile, 'x'], 'validate'],
      [['render', exampleFile, 'x', '--host', 'lvs-dr'], 'render'],
      [['verify', exampleFile, 'x'], 'verify'],
      [['lab', 'status', exampleFile, 'x'], 'lab'],
      [['schedule', exampleFile, 'x', '--every', '1h', '--dry-run'], 'schedule'],
      [['schedule', 'run', exampleFile, 'x'], 'schedule run'],
      [['schedule', 'status', exampleFile, 'x'], 'schedule status'],
      [['schedule', 'remove', exampleFile, 'x'], 'schedule remove'],
    ];
    for (const [args, command] of cases) {
      refused(await run(args), `error: ${command}: unexpected argument "x"`, `hint: lvs-play ${command.split(' ')[0]} --help`);
    }
    refused(
      await run(['deploy', exampleFile, 'x', 'y\nz']),
      'error: deploy: unexpected arguments "x" "y\\nz"',
      'hint: lvs-play deploy --help',
    );
  });

  it('a damaged switch record stops deploy, drain and undrain with what to do (no crash)', async () => {
    mkdirSync(drains, { recursive: true });
    const record = join(drains, 'seed.json');
    const hint =
      `hint: it lists the switches set on the directors (drains by hand, and what an interrupted run left); move it away (mv ${record} ${record}.damaged), ` +
      "then check the directors' /var/lib/lvs-play/switches by hand (lvs-play undrain INVENTORY HOST... clears a drain)";
    try {
      for (const [text, why] of [
        [
          '{"cluster": "seed", "drains": [',
          'not valid JSON at line 1, column 32 (the file ends too early): expected a value, found the end of the file',
        ],
        ['{"cluster": "seed", "pid": 1, "drains": {}, "handovers": []}', '"drains" is not a list'],
      ]) {
        writeFileSync(record, text);
        for (const args of [
          ['deploy', exampleFile],
          ['drain', exampleFile, 'lvs01'],
          ['undrain', exampleFile],
        ]) {
          const r = await run(args);
          refused(r, `error: switch record ${record} is damaged: ${why}`, hint);
          assert.ok(
            r.stderr.startsWith(
              `warning: switch record ${record} is damaged: ${why}; deploy, rollout, drain and undrain stop on it (each says what to do)\n`,
            ),
            r.stderr,
          );
        }
      }
    } finally {
      rmSync(record, { force: true });
    }
  });
});
