// Who holds each VIP right now: every director read at once (`ip -j addr` on
// its VRRP interface), so a takeover is never seen as two holders because
// one director was read before it and the other after. "a", "a+b" (two
// holders) or "none", per VIP, in the order given.

export async function holdersNow(
  run: (host: string, command: string) => Promise<string>,
  directors: string[],
  vips: string[],
  device = 'eth0',
): Promise<string[]> {
  const seen = await Promise.all(directors.map(async (d) => [d, await run(d, `ip -j addr show dev ${device}`)] as const));
  return vips.map(
    (v) =>
      seen
        .filter(([, out]) => out.includes(`"${v}"`))
        .map(([d]) => d)
        .join('+') || 'none',
  );
}
