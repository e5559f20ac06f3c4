// One keepalived.conf statement as parse.ts reads it: a keyword, its values,
// and for a block its statements.

export interface KaNode {
  keyword: string;
  values: string[];
  children?: KaNode[]; // present for blocks
}
