// Golden files: every file every host of the example gets, byte for byte, the
// sysctl/chrony files of the 3-director fixture (group precedence), the
// files whose path or content differ on a RHEL-family host (example-rhel), and
// the VIP file of a real server with a TUN VIP.
// After an intended change: UPDATE_GOLDEN=1 npx mocha --no-config --import=tsx test/render/golden.test.ts
// rewrites the files that differ and fails naming them; read the diff of
// test/fixtures/render/golden, then run again without UPDATE_GOLDEN.

import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OsFamily } from '../../lib/facts/os-release.js';
import { hostFiles } from '../../lib/render/host-files.js';
import { OS_LAYOUTS } from '../../lib/render/os-layout.js';
import { compareGoldenFiles } from '../support/golden.js';
import { type InventoryName, loadCluster } from './clusters.js';

const goldenDir = new URL('../fixtures/render/golden/', import.meta.url).pathname;

const cases: Array<{ cluster: InventoryName; hosts: string[]; paths?: string[]; family?: OsFamily; dir?: string }> = [
  { cluster: 'example', hosts: ['lvs-dr', 'lvs-dr2', 'lvs01', 'lvs02'] },
  { cluster: 'threeDirectors', hosts: ['dir1', 'web1', 'dns1'], paths: ['/etc/sysctl.d/90-lvs-play.conf', '/etc/chrony/chrony.conf'] },
  { cluster: 'example', dir: 'example-rhel', family: 'rhel', hosts: ['lvs-dr'], paths: ['/etc/chrony.conf', '/etc/sysconfig/keepalived'] },
  // a real server with a TUN VIP (on tunl0) besides its DR ones
  { cluster: 'threeDirectors', dir: 'three-directors-tun', hosts: ['web3'], paths: ['/etc/lvs-play/dr-client.vips'] },
];

describe('rendered files match the golden files', () => {
  for (const { cluster, hosts, paths, family = 'debian', dir = cluster } of cases) {
    for (const host of hosts) {
      it(`${dir} ${host}`, async () => {
        const files = hostFiles(await loadCluster(cluster), host, OS_LAYOUTS[family]).filter((f) => !paths || paths.includes(f.path));
        assert.ok(files.length >= (paths?.length ?? 4));
        compareGoldenFiles(files.map((f) => ({ file: `${goldenDir}${dir}/${host}${f.path}`, actual: f.content })));
        // every golden file of the host is still rendered: a file the host no longer gets fails here
        const kept = readdirSync(`${goldenDir}${dir}/${host}`, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => join(e.parentPath, e.name).slice(`${goldenDir}${dir}/${host}`.length))
          .sort();
        assert.deepEqual(kept, (paths ?? files.map((f) => f.path)).slice().sort(), 'golden files of the host vs files it gets');
      });
    }
  }
});
