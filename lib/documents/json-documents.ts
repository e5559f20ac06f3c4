// The JSON documents lvs-play prints (--json) and keeps (schedule's records),
// by name. schema/reports/NAME.schema.json is generated from each of these
// types (scripts/generate-report-schemas.ts); a test validates real output
// of every command against them.

import type { LabStatus } from '../lab/status.js';
import type { RecoverReport } from '../recover/recover-run.js';
import type { Versioned } from '../report/json-format.js';
import type { RolloutReport } from '../rollout/plan/report.js';
import type { RolloutPlanReport } from '../rollout/run-rollout.js';
import type { RunReport } from '../run/report.js';
import type { CheckRecord } from '../schedule/record.js';
import type { ScheduleStatus } from '../schedule/status.js';
import type { VerifyReport } from '../verify/types.js';

/** `check --json`, `deploy --json` (also --check) */
export type RunDocument = Versioned<RunReport>;
/** `rollout --json`, `deploy --rolling --json` */
export type RolloutDocument = Versioned<RolloutReport>;
/** `rollout --check --json`, `deploy --rolling --check --json` */
export type RolloutPlanDocument = Versioned<RolloutPlanReport>;
/** verify's report with the inventory it read */
export interface InventoryVerifyReport extends VerifyReport {
  inventory: string;
}
/** `verify --json` */
export type VerifyDocument = Versioned<InventoryVerifyReport>;
/** `recover --json` */
export type RecoverDocument = Versioned<RecoverReport>;
/** `lab status --json` */
export type LabStatusDocument = Versioned<LabStatus>;
/** `schedule status --json` */
export type ScheduleStatusDocument = Versioned<ScheduleStatus>;
/** what `schedule run` keeps: reports/check-TIME.json and latest.json */
export type CheckRecordDocument = Versioned<CheckRecord>;

/** schema file name (schema/reports/NAME.schema.json) -> the type it describes */
export const JSON_DOCUMENTS = {
  run: 'RunDocument',
  rollout: 'RolloutDocument',
  'rollout-plan': 'RolloutPlanDocument',
  verify: 'VerifyDocument',
  recover: 'RecoverDocument',
  'lab-status': 'LabStatusDocument',
  'schedule-status': 'ScheduleStatusDocument',
  'check-record': 'CheckRecordDocument',
} as const;
