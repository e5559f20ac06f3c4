// The route guard every connection the CLI makes goes through: lab addresses
// (198.18.0.0/15) only via the lab's bridge, so lab traffic never takes the
// default route and a lab that is down is a clear error, not a timeout.

import { labRouteGuard } from '../lab/route.js';

export const cliRouteGuard = labRouteGuard();
