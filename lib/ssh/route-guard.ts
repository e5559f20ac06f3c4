// Which addresses a connection may go to is the caller's decision, passed in
// through the connect options: the CLI passes the lab's guard (only through
// the lab's bridge, lib/lab/route.ts), a test that builds its own namespace
// passes one for its veth. The connector itself knows no lab.

import { UserError } from '../errors.js';

/** Checked before every direct TCP connection; rejects (a UserError) when the address must not be contacted. */
export type RouteGuard = (address: string) => Promise<void>;

/** RFC 2544's benchmark range 198.18.0.0/15, which the lab and the tests use. */
const BENCHMARK_RANGE = /^198\.1[89]\.\d{1,3}\.\d{1,3}$/;

/**
 * The guard used when the caller gives none: an address in the benchmark
 * range is refused outright. Forgetting the guard can then only refuse a
 * connection, never send lab traffic past the lab's route check.
 */
export const refuseBenchmarkRange: RouteGuard = async (address) => {
  if (BENCHMARK_RANGE.test(address)) {
    throw new UserError(`refusing to contact ${address}: an address of the benchmark range 198.18.0.0/15 and no route guard was given`, {
      hint: 'lvs-play passes the lab route guard itself; a library caller passes routeGuard in the connect options',
    });
  }
};
