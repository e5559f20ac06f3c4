// What lvs-play's output may do on this stdout. Progress drawn in place
// (listr2's tree, the collapsed view) moves the cursor and redraws: only on a
// terminal that understands it. TERM=dumb says it does not (Emacs' shell,
// some CI log viewers that run commands on a pty): there the escape codes
// would show as text, so it gets plain lines and no colour, as a pipe does.

interface Output {
  isTTY?: boolean;
}

/** Progress may be drawn in place: a terminal, not TERM=dumb. */
export function drawsInPlace(out: Output = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return out.isTTY === true && env.TERM !== 'dumb';
}

/** Colour may be used: such a terminal, and neither NO_COLOR nor --no-color (which sets it). */
export function colourAllowed(out: Output = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return drawsInPlace(out, env) && !env.NO_COLOR;
}
