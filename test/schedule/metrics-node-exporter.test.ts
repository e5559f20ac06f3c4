// The metrics files as their consumer reads them: node_exporter's textfile
// collector (prometheus-node-exporter from Debian) scrapes a directory of our
// .prom files and must report no scrape error and every one of our samples.
// It listens on 127.0.0.1 inside a network namespace of its own (unshare
// --net), so nothing leaves that namespace; it is stopped by its PID.

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderMetrics } from '../../lib/schedule/metrics.js';
import { samples } from './prom-samples.js';
import { cleanRecord, driftedRecord, failedLoadRecord, oddNamesRecord, unreachableRecord } from './reports.js';

const SCRAPE = `
ip link set lo up
prometheus-node-exporter --collector.disable-defaults --collector.textfile --collector.textfile.directory="$1" --web.listen-address=127.0.0.1:9100 2>"$1/exporter.log" &
pid=$!
for i in $(seq 100); do curl -sf http://127.0.0.1:9100/metrics >"$1/scraped" && break; sleep 0.1; done
kill $pid; wait $pid 2>/dev/null
cat "$1/scraped" || { cat "$1/exporter.log" >&2; exit 1; }
`;

function scrape(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('unshare', ['--net', 'sh', '-c', SCRAPE, 'scrape', dir], { timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`node_exporter scrape failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

describe('node_exporter reads the metrics files', function () {
  this.timeout(40_000);
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lvsplay-textfile-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every sample of a clean, drifted, unreachable, never-started and oddly named run, without a scrape error', async () => {
    const records = {
      clean: cleanRecord,
      drifted: { ...driftedRecord, cluster: 'lab2' },
      unreachable: { ...unreachableRecord, cluster: 'lab3' },
      failed: { ...failedLoadRecord, cluster: 'lab4' },
      odd: oddNamesRecord,
    };
    const ours = new Map<string, number>();
    for (const [name, record] of Object.entries(records)) {
      // the clean lab has a drain by hand and one a run left in its switch record
      const drains =
        name === 'clean'
          ? [
              { realServer: 'lvs02', directors: ['lvs-dr', 'lvs-dr2'], since: '2026-12-01T10:00:00.000Z', byHand: true as const },
              { realServer: 'lvs01', directors: ['lvs-dr'], since: '2026-12-01T10:00:01.500Z' },
            ]
          : [];
      const text = renderMetrics(record, drains);
      writeFileSync(join(dir, `lvs-play-check-${name}.prom`), text);
      for (const [k, v] of samples(text)) ours.set(k, v);
    }
    const scraped = samples(await scrape(dir));
    assert.equal(scraped.get('node_textfile_scrape_error'), 0);
    for (const [k, v] of ours) assert.equal(scraped.get(k), v, `${k} as node_exporter exports it`);
    assert.equal(ours.size, 5 * 7 + 4 * 3 * 4 + 1 * 4 + 2, 'samples written (per host: 4 families; 2 drains)');
  });

  it('would report a broken file, so the check above means something', async () => {
    writeFileSync(join(dir, 'broken.prom'), 'lvs_play_check_success{cluster="lab} 1\n');
    assert.equal(samples(await scrape(dir)).get('node_textfile_scrape_error'), 1);
  });
});
