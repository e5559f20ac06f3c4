// A small keepalived.conf parser for tests: comments ("#" or "!") stripped,
// a line is a keyword with its values, and a line ending in "{" opens a block
// that the matching "}" closes. Enough to compare configs as structures.

export interface KaNode {
  keyword: string;
  values: string[];
  children?: KaNode[];   // present for blocks
}

export function parseKeepalivedConf(text: string): KaNode[] {
  const root: KaNode[] = [];
  const stack: KaNode[][] = [root];
  text.split('\n').forEach((raw, i) => {
    const words = raw.replace(/[#!].*$/, '').trim().split(/\s+/).filter((w) => w !== '');
    const where = `line ${i + 1}`;
    if (words.length === 0) return;
    if (words.length === 1 && words[0] === '}') {
      if (stack.length === 1) throw new Error(`${where}: "}" without a block`);
      stack.pop();
      return;
    }
    const opens = words[words.length - 1] === '{';
    const tokens = opens ? words.slice(0, -1) : words;
    if (tokens.length === 0 || tokens.includes('{') || tokens.includes('}')) throw new Error(`${where}: unsupported layout: ${raw}`);
    const node: KaNode = { keyword: tokens[0], values: tokens.slice(1) };
    stack[stack.length - 1].push(node);
    if (opens) {
      node.children = [];
      stack.push(node.children);
    }
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
