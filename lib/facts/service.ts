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

export function serviceFact(unit: string): Fact<ServiceState> {
  return {
    id: `service:${unit}`,
    command: `systemctl show -p LoadState,UnitFileState,ActiveState,ConditionResult ${quote(unit)}`,
    parse: ({ stdout }) => parseServiceShow(unit, stdout),
  };
}
