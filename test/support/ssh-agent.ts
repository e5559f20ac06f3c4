// A real ssh-agent for tests, on a socket in a folder the test owns, stopped by PID.

import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from '../../lib/lab/local-command.js';

export interface TestAgent {
  socket: string;
  add(privateKeyFile: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startAgent(dir: string): Promise<TestAgent> {
  const socket = join(dir, 'agent.sock');
  const child = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  for (let i = 0; ; i++) {
    if (
      await access(socket).then(
        () => true,
        () => false,
      )
    )
      break;
    if (i === 100 || child.exitCode !== null) throw new Error('ssh-agent did not create its socket');
    await sleep(20);
  }
  return {
    socket,
    add: async (file) => {
      await run('ssh-add', ['-q', file], { env: { SSH_AUTH_SOCK: socket } });
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
