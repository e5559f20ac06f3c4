import { strict as assert } from 'node:assert';
import { evaluateCluster } from '../../lib/verify/evaluate.js';
import { formatReport } from '../../lib/verify/format.js';
import { clusterOf } from '../support/clusters.js';
import { healthy, removeAddress } from './observations.js';

const lab = clusterOf('lab');

describe('verify/format', () => {
  it('prints aligned plain columns, one row per check, and the verdict with the exit code', () => {
    const obs = healthy(lab);
    removeAddress(obs, 'lvs01', '198.18.0.110');
    const text = formatReport(evaluateCluster(lab, obs));
    const lines = text.split('\n');
    assert.match(lines[0]!, /^CHECK\s+HOST\/VIP\s+STATUS\s+DETAIL$/);
    // every row's status starts in the header's STATUS column
    const at = lines[0]!.indexOf('STATUS');
    for (const line of lines.slice(1, 19)) assert.match(line.slice(at), /^(pass|degraded|fail|not-checkable)\b/, line);
    assert.ok(
      lines.some((l) => /^realserver-vips\s+lvs01\s+fail\s+lvs01: 198\.18\.0\.110 is not on lo/.test(l)),
      text,
    );
    assert.equal(
      lines.at(-1),
      'lab: 15 pass, 0 degraded, 1 fail, 2 not checkable (not counted as passed): exit 1, something is down or could not be checked',
    );
    assert.doesNotMatch(text, /\x1b\[/);
  });

  it('colours the status only when asked (a terminal)', () => {
    const text = formatReport(evaluateCluster(lab, healthy(lab)), { colour: true });
    assert.match(text, /\x1b\[32mpass\s*\x1b\[0m/);
    assert.match(text, /\x1b\[36mnot-checkable\x1b\[0m/);
    assert.doesNotMatch(text.split('\n')[0]!, /\x1b\[/);
  });
});
