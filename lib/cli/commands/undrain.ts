// `lvs-play undrain INVENTORY [HOST...]`: the other half of `lvs-play drain`
// (see drain.ts), also what clears a drain an interrupted rollout left.

import { drainCommandOf } from './drain.js';

export const undrainCommand = drainCommandOf(true);
