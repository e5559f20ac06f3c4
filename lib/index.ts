// The package's root: `import ... from 'lvs-play'`. The public API (see
// lib/api/index.ts) and the seed playbook built from it.

export { seedPlaybook } from '../playbooks/seed.js';
export * from './api/index.js';
