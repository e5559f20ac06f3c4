// The cluster rules: what a JSON Schema cannot say (uniqueness across the
// document, references between hosts, groups and VIPs, VRRP arithmetic).
// Pure, and safe on any JSON: they run even when the schema failed, so a
// user sees every problem at once.

import type { InventoryProblem } from '../errors.js';
import { fwmarkRules } from './rules-fwmark.js';
import { hostRules } from './rules-hosts.js';
import { natRules } from './rules-nat.js';
import { serviceRules } from './rules-services.js';
import { tunRules } from './rules-tun.js';
import { vrrpRules } from './rules-vrrp.js';
import { obj } from './view.js';

export function clusterRules(data: unknown): InventoryProblem[] {
  const inv = obj(data);
  if (!inv) return [];
  return [...hostRules(inv), ...vrrpRules(inv), ...serviceRules(inv), ...fwmarkRules(inv), ...natRules(inv), ...tunRules(inv)];
}
