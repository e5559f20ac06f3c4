// The list of subcommands, in the order `lvs-play --help` shows them. Each
// module is imported when its command runs (see CommandEntry).
import type { CommandEntry } from '../command.js';

export const commands: CommandEntry[] = [
  {
    name: 'deploy',
    summary: "bring the hosts to the inventory's state (idempotent; rolls a failed host back)",
    load: async () => (await import('./deploy.js')).deployCommand,
  },
  {
    name: 'rollout',
    summary: 'roll a changed inventory out one host at a time, every VIP held throughout (same as deploy --rolling)',
    load: async () => (await import('./rollout.js')).rolloutCommand,
  },
  {
    name: 'check',
    summary: 'report where the hosts differ from the inventory (0 in sync, 2 drift, 1 error)',
    load: async () => (await import('./check.js')).checkCommand,
  },
  {
    name: 'verify',
    summary: 'check the running cluster: VIPs, keepalived, real servers, IPVS, HTTP (0 healthy, 2 degraded, 1 down)',
    load: async () => (await import('./verify.js')).verifyCommand,
  },
  {
    name: 'drain',
    summary: 'take real servers out of the pool on every director (connections finish)',
    load: async () => (await import('./drain.js')).drainCommand,
  },
  {
    name: 'undrain',
    summary: 'put drained real servers back at their weight on every director',
    load: async () => (await import('./undrain.js')).undrainCommand,
  },
  {
    name: 'recover',
    summary: 'undo what an interrupted run left on the hosts (its journals) and on the directors (its switches)',
    load: async () => (await import('./recover.js')).recoverCommand,
  },
  {
    name: 'validate',
    summary: 'check an inventory against the schema and the cluster rules (0 valid, 1 problems)',
    load: async () => (await import('./validate.js')).validateCommand,
  },
  {
    name: 'render',
    summary: 'print a file lvs-play would write on a host, or list them (--list)',
    load: async () => (await import('./render.js')).renderCommand,
  },
  {
    name: 'graph',
    summary: 'draw the cluster as a Mermaid or Graphviz picture; --live marks who holds each VIP now',
    load: async () => (await import('./graph.js')).graphCommand,
  },
  {
    name: 'lab',
    summary: 'bring a local lab of containers up or down, or show its status',
    load: async () => (await import('./lab.js')).labCommand,
  },
  {
    name: 'completion',
    summary: "print the bash or zsh completion script (commands, options, the inventory's host names)",
    load: async () => (await import('./completion.js')).completionCommand,
  },
  {
    name: 'schedule',
    summary: 'run check from a systemd timer, keep its reports, write Prometheus metrics',
    load: async () => (await import('./schedule.js')).scheduleCommand,
  },
];
