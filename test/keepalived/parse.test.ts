// parseKeepalivedConf reads the configs lvs-play renders, the seed's, and
// the layouts a hand-edited director config may have.

import { strict as assert } from 'node:assert';
import { child, nodeText, parseKeepalivedConf } from '../../lib/keepalived/parse.js';

describe('parseKeepalivedConf', () => {
  it('reads blocks, values and comments', () => {
    const conf = parseKeepalivedConf(
      '# head\nglobal_defs {\n  router_id a ! why\n}\nvrrp_instance vi_1 {\n  virtual_ipaddress {\n    10.0.0.1/32\n  }\n}\n',
    );
    assert.deepEqual(conf, [
      { keyword: 'global_defs', values: [], children: [{ keyword: 'router_id', values: ['a'] }] },
      {
        keyword: 'vrrp_instance',
        values: ['vi_1'],
        children: [{ keyword: 'virtual_ipaddress', values: [], children: [{ keyword: '10.0.0.1/32', values: [] }] }],
      },
    ]);
  });

  it('reads one-line blocks and quoted values with spaces or comment characters', () => {
    const [auth, file] = parseKeepalivedConf('authentication { auth_type PASS }\nfile "/a b/#c"\n');
    assert.equal(nodeText(auth!), 'authentication { auth_type PASS }');
    assert.deepEqual(file, { keyword: 'file', values: ['"/a b/#c"'] });
  });

  it('refuses unbalanced braces', () => {
    assert.throws(() => parseKeepalivedConf('a {\n'), /not closed/);
    assert.throws(() => parseKeepalivedConf('}\n'), /line 1.*without a block/);
  });

  it('finds a child by keyword', () => {
    const [inst] = parseKeepalivedConf('vrrp_instance x {\n advert_int 3\n}\n');
    assert.deepEqual(child(inst, 'advert_int')?.values, ['3']);
    assert.equal(child(inst, 'priority'), undefined);
  });
});
