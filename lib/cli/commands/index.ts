// The list of subcommands, in the order `lvs-play --help` shows them.
import type { Command } from '../command.js';
import { checkCommand } from './check.js';
import { deployCommand } from './deploy.js';
import { lab } from './lab.js';
import { renderCommand } from './render.js';
import { validateCommand } from './validate.js';
import { verifyCommand } from './verify.js';
import { scheduleCommand } from './schedule.js';
import { rolloutCommand } from './rollout.js';
import { drainCommand } from './drain.js';
import { undrainCommand } from './undrain.js';
import { recoverCommand } from './recover.js';

export const commands: Command[] = [deployCommand, rolloutCommand, checkCommand, verifyCommand, drainCommand, undrainCommand, recoverCommand, validateCommand, renderCommand, lab, scheduleCommand];
