// A file's bytes, mode and owner, or its absence. Content travels base64 so
// the comparison with the rendered file is byte-exact.

import { quote } from '../shell/quote.js';
import type { Fact } from './fact.js';

export interface FileState {
  path: string;
  exists: boolean;
  content: string; // '' when absent
  mode: number; // e.g. 0o644; 0 when absent
  owner: string;
  group: string;
}

export function fileFact(path: string): Fact<FileState> {
  const p = quote(path);
  return {
    id: `file:${path}`,
    command: `if [ -f ${p} ]; then stat -c '%a %U %G' ${p} && base64 -w0 ${p}; else echo absent; fi`,
    parse({ stdout, code }) {
      if (code !== 0) throw new Error(`cannot read ${path} (exit ${code})`);
      const [head, body = ''] = stdout.split('\n');
      if (head === 'absent') return { path, exists: false, content: '', mode: 0, owner: '', group: '' };
      // anything else than "MODE OWNER GROUP" is a broken answer, never a file with no mode
      if (!/^[0-7]{3,4} \S+ \S+$/.test(head ?? '')) throw new Error(`${path}: unexpected answer: ${JSON.stringify(stdout.slice(0, 80))}`);
      const [mode, owner, group] = head!.split(' ');
      return { path, exists: true, content: Buffer.from(body.trim(), 'base64').toString('utf8'), mode: parseInt(mode, 8), owner, group };
    },
  };
}
