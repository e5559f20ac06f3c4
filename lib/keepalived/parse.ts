// A small keepalived.conf parser: comments ("#" or "!") stripped, a line is
// a keyword with its values, and "{" opens a block that the matching "}"
// closes. Enough to compare two configs as structures: the rollout planner
// compares the config running on a director with the one lvs-play renders,
// and the render tests compare ours with the seed's.
//
// A director's current file may have been edited by hand, so one-line blocks
// (`authentication { auth_type PASS auth_pass x }`) and quoted values with
// spaces are read too; only unbalanced braces are an error. An error quotes
// its line redacted (redact.ts): a hand-edited line may hold auth_pass.

import type { KaNode } from './node.js';
import { redactKeepalivedText } from './redact.js';

export type { KaNode } from './node.js';

/** The words of a line: "{" and "}" are words of their own, a quoted string is one word (quotes kept). */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /"[^"]*"?|[{}]|[^\s{}"]+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[0]);
  return out;
}

/** The line without its comment; "#" or "!" inside quotes is not a comment. */
function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '#' || c === '!')) return line.slice(0, i);
  }
  return line;
}

export function parseKeepalivedConf(text: string): KaNode[] {
  const root: KaNode[] = [];
  const stack: KaNode[][] = [root];
  text.split('\n').forEach((raw, i) => {
    let pending: string[] = [];
    const flush = (opens: boolean) => {
      if (pending.length === 0) {
        if (opens) throw new Error(`line ${i + 1}: "{" without a keyword: ${redactKeepalivedText(raw.trim())}`);
        return;
      }
      const node: KaNode = { keyword: pending[0]!, values: pending.slice(1) };
      stack[stack.length - 1]!.push(node);
      if (opens) {
        node.children = [];
        stack.push(node.children);
      }
      pending = [];
    };
    for (const w of words(stripComment(raw))) {
      if (w === '{') flush(true);
      else if (w === '}') {
        flush(false);
        if (stack.length === 1) throw new Error(`line ${i + 1}: "}" without a block`);
        stack.pop();
      } else pending.push(w);
    }
    flush(false);
  });
  if (stack.length !== 1) throw new Error(`${stack.length - 1} block(s) not closed`);
  return root;
}

/** Depth-first visit of every node, with its parent's keyword (undefined at the top). */
export function walk(nodes: KaNode[], visit: (n: KaNode, parent: KaNode | undefined) => void, parent?: KaNode): void {
  for (const n of nodes) {
    visit(n, parent);
    if (n.children) walk(n.children, visit, n);
  }
}

/** The first child with this keyword, if any. */
export function child(node: KaNode | undefined, keyword: string): KaNode | undefined {
  return node?.children?.find((c) => c.keyword === keyword);
}

/** A node as one canonical line of text, children included, for comparing subtrees. */
export function nodeText(node: KaNode): string {
  const head = [node.keyword, ...node.values].join(' ');
  return node.children ? `${head} { ${node.children.map(nodeText).join('; ')} }` : head;
}
