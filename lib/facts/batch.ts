// Many facts in one remote script. Each fact runs in its own subshell; its
// stdout is framed by markers carrying a random nonce, so no file content can
// forge a frame, and its exit code is printed in the closing marker.

import { randomBytes } from 'node:crypto';
import type { Fact, FactOutput } from './fact.js';
import { FactValues } from './fact.js';

export interface Batch {
  script: string;
  parse(stdout: string): FactValues;
}

export function batchFacts(facts: Fact<unknown>[]): Batch {
  const unique = [...new Map(facts.map((f) => [f.id, f])).values()];
  const nonce = randomBytes(8).toString('hex');
  const lines = ['exec 2>/dev/null'];
  unique.forEach((fact, i) => {
    lines.push(`printf '%s\\n' '${nonce} ${i} begin'`);
    // an empty subshell "( )" is a syntax error that would sink the whole script
    // (sysctlFact([]) on a director without sysctls): run ':' instead
    lines.push(`( ${fact.command.trim() === '' ? ':' : fact.command}\n)`);
    // "\n" first: the fact's output may not end with a newline
    lines.push(`printf '\\n%s %s\\n' '${nonce} ${i} end' "$?"`);
  });
  return {
    script: `${lines.join('\n')}\n`,
    parse(stdout: string): FactValues {
      const values = new FactValues();
      // one pass from left to right with indexOf: the frames come in script
      // order, and a regex per fact (the nonce makes each one new) cost more
      // than the facts' own parsing on a 100-host check
      let from = 0;
      unique.forEach((fact, i) => {
        const begin = `${nonce} ${i} begin\n`;
        const end = `\n${nonce} ${i} end `;
        const start = stdout.indexOf(begin, from);
        const bodyStart = start + begin.length;
        const endAt = start < 0 ? -1 : stdout.indexOf(end, bodyStart);
        const codeAt = endAt + end.length;
        const lineEnd = endAt < 0 ? -1 : stdout.indexOf('\n', codeAt);
        const code = lineEnd < 0 ? '' : stdout.slice(codeAt, lineEnd);
        if (!/^\d+$/.test(code)) throw new Error(`fact ${fact.id}: its output is missing from the host's answer`);
        const output: FactOutput = { stdout: stdout.slice(bodyStart, endAt), code: Number(code) };
        values.set(fact.id, fact.parse(output));
        from = lineEnd + 1;
      });
      return values;
    },
  };
}
