// The list of subcommands, in the order `lvs-play --help` shows them.
import type { Command } from '../command.js';

export const commands: Command[] = [];
