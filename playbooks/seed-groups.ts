// The groups the seed playbook's plays run on, in a module of their own so
// that a check can start connecting to their hosts while the playbook's
// tasks are still loading (lib/cli/run-command.ts); seed.ts builds its plays
// from these, so the two cannot disagree.

export const SEED_DIRECTORS = 'directors';
export const SEED_REAL_SERVERS = 'realservers';
/** every group a play of the seed playbook runs on */
export const SEED_GROUPS: readonly string[] = [SEED_DIRECTORS, SEED_REAL_SERVERS];
