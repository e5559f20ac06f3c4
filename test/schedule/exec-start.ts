// The ExecStart= argv of a service file as systemd reads it (the subset of
// its syntax renderUnits writes: bare words and "..." with \" \\ \n \t, %%
// and $$), so tests run exactly the command the timer would.

export function execStartArgv(serviceText: string): string[] {
  const line = serviceText.split('\n').find((l) => l.startsWith('ExecStart='));
  if (!line) throw new Error('no ExecStart= line');
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const m of line.slice('ExecStart='.length).matchAll(re)) {
    const raw =
      m[1] !== undefined ? m[1].replace(/\\(.)/g, (_, c: string) => (({ n: '\n', t: '\t' }) as Record<string, string>)[c] ?? c) : m[2];
    words.push(raw.replace(/%%/g, '%').replace(/\$\$/g, '$'));
  }
  return words;
}
