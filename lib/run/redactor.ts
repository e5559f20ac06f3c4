// The one function every report, diff and error message goes through before
// it is printed: it replaces the cluster's secrets with <redacted>.

import type { Cluster } from '../inventory/types.js';
import { redact } from '../secret.js';

export function secretsRedactor(cluster: Cluster): (s: string) => string {
  const secrets = cluster.vrrp.auth ? [cluster.vrrp.auth.password] : [];
  return (s) => redact(s, secrets);
}
