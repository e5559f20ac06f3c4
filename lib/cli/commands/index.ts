// The list of subcommands, in the order `lvs-play --help` shows them.
import type { Command } from '../command.js';
import { checkCommand } from './check.js';
import { deployCommand } from './deploy.js';
import { lab } from './lab.js';
import { renderCommand } from './render.js';
import { validateCommand } from './validate.js';
import { verifyCommand } from './verify.js';
import { scheduleCommand } from './schedule.js';

export const commands: Command[] = [deployCommand, checkCommand, verifyCommand, validateCommand, renderCommand, lab, scheduleCommand];
