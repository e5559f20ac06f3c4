// Golden files: every file every host of the example gets, byte for byte, and
// the sysctl/chrony files of the 3-director fixture (group precedence).
// After an intended change: UPDATE_GOLDEN=1 npx mocha test/render/golden.test.ts,
// then read the diff of test/fixtures/render/golden before committing it.

import { strict as assert } from 'node:assert';
import { hostFiles } from '../../lib/render/host-files.js';
import { loadCluster, type InventoryName } from './clusters.js';
import { compareGolden } from '../support/golden.js';

const goldenDir = new URL('../fixtures/render/golden/', import.meta.url).pathname;
const compare = compareGolden;

const cases: Array<{ cluster: InventoryName; hosts: string[]; paths?: string[] }> = [
  { cluster: 'example', hosts: ['lvs-dr', 'lvs-dr2', 'lvs01', 'lvs02'] },
  { cluster: 'threeDirectors', hosts: ['dir1', 'web1', 'dns1'], paths: ['/etc/sysctl.d/90-lvs-play.conf', '/etc/chrony/chrony.conf'] },
];

describe('rendered files match the golden files', () => {
  for (const { cluster, hosts, paths } of cases) {
    for (const host of hosts) {
      it(`${cluster} ${host}`, async () => {
        const files = hostFiles(await loadCluster(cluster), host).filter((f) => !paths || paths.includes(f.path));
        assert.ok(files.length >= (paths?.length ?? 4));
        for (const f of files) compare(`${goldenDir}${cluster}/${host}${f.path}`, f.content);
      });
    }
  }
});
