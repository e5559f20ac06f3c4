import { strict as assert } from 'node:assert';
import { lockHeld } from '../../lib/run/apply.js';

describe('run/apply: a package manager lock held by another process', () => {
  it("names the lock and its holder from the install command's own line", () => {
    const out =
      'E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?\nlvs-play: /var/lib/dpkg/lock-frontend is held by process 4242 (apt-get)\n';
    assert.equal(
      lockHeld(out),
      "the package manager's lock /var/lib/dpkg/lock-frontend is held by another process (apt-get, pid 4242); waited 30 s for it. Let that process finish (or stop it), then run lvs-play deploy again",
    );
  });

  it("names it from apt's own words too, however the lines wrap", () => {
    assert.match(
      lockHeld('E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 77\n(unattended-upgr)\n') ?? '',
      /lock \/var\/lib\/dpkg\/lock-frontend is held by another process \(unattended-upgr, pid 77\)/,
    );
  });

  it('says nothing about other failures', () => {
    assert.equal(lockHeld('E: Unable to locate package nosuch'), null);
  });
});
