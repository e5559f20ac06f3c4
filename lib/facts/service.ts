// A systemd unit's state: does it exist, is it enabled, is it active, and did
// a start condition (e.g. ConditionCapability) skip it.

import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

export interface ServiceState {
  unit: string;
  exists: boolean; // LoadState=loaded
  enabled: boolean; // UnitFileState enabled / enabled-runtime / static-alias counted as enabled
  active: boolean; // ActiveState=active
  conditionFailed: boolean;
}

export function parseServiceShow(unit: string, text: string): ServiceState {
  const props: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) props[line.slice(0, i)] = line.slice(i + 1).trim();
  }
  return {
    unit,
    exists: props.LoadState === 'loaded',
    enabled: ['enabled', 'enabled-runtime', 'alias'].includes(props.UnitFileState ?? ''),
    active: props.ActiveState === 'active' || props.ActiveState === 'reloading',
    conditionFailed: props.ConditionResult === 'no',
  };
}

const PROPERTIES = 'LoadState,UnitFileState,ActiveState,ConditionResult';

/** One systemctl for every unit; should it fail (a unit name systemd refuses fails them all), one per unit, a unit
 * that fails there answering an empty LoadState. Either way every unit's block ends at a blank line. */
function showUnits(units: readonly string[]): string {
  if (units.length === 1) return `systemctl show -p ${PROPERTIES} ${quote(units[0]!)}`;
  const words = units.map(quote).join(' ');
  return [
    `if out=$(systemctl show -p ${PROPERTIES} ${words}); then printf '%s\\n' "$out"`,
    `else for u in ${words}; do systemctl show -p ${PROPERTIES} "$u" || echo LoadState=; echo; done; fi`,
  ].join('\n');
}

/** systemctl show prints one block per unit, in the order asked, with a blank line between blocks. */
function splitUnitBlocks(stdout: string, units: readonly string[]): string[] | null {
  const blocks = stdout.replace(/\n+$/, '').split('\n\n');
  return blocks.length === units.length ? blocks : null;
}

export function serviceFact(unit: string): Fact<ServiceState> {
  return {
    id: `service:${unit}`,
    command: showUnits([unit]),
    parse: ({ stdout }) => parseServiceShow(unit, stdout),
    together: { key: 'systemctl-show', item: unit, command: showUnits, split: splitUnitBlocks },
  };
}
