/**
 * Uptime from the runs the service records (issue 20.6): each process that serves the portal opens a run when it
 * starts and marks it seen every minute. A mark vouches for the minute after it, so a process that stopped is
 * counted up until a minute after it was last seen (a crash costs the report at most that minute). Pure: the runs,
 * the first run ever and the bounds are passed in.
 */

/** How often a run is marked seen; a mark covers the time until the next one is due. */
export const HEARTBEAT_MS = 60_000;
/** Outages listed in a report, longest first; the rest are counted. */
export const OUTAGES_LISTED = 5;

export interface UptimeRun {
  startedAt: Date;
  lastSeenAt: Date;
}

export interface Outage {
  from: Date;
  to: Date;
}

export interface Uptime {
  /** Where recording began within the period: its start, or the first run ever when that came later. */
  recordedFrom: Date;
  recordedTo: Date;
  upMs: number;
  downMs: number;
  /** Every gap, in time order. */
  outages: Outage[];
}

/**
 * The share of [from, to) the portal was served, over the part of it since recording began (`firstStartedAt`,
 * the first run ever). Null when nothing of the period was recorded.
 */
export function uptimeOver(runs: readonly UptimeRun[], firstStartedAt: Date | null, from: Date, to: Date): Uptime | null {
  if (firstStartedAt === null) return null;
  const start = Math.max(from.getTime(), firstStartedAt.getTime());
  const end = to.getTime();
  if (start >= end) return null;
  const spans = runs
    .map((r) => [Math.max(start, r.startedAt.getTime()), Math.min(end, r.lastSeenAt.getTime() + HEARTBEAT_MS)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const outages: Outage[] = [];
  let covered = start;
  let upMs = 0;
  for (const [a, b] of spans) {
    if (a > covered) outages.push({ from: new Date(covered), to: new Date(a) });
    if (b > covered) {
      upMs += b - Math.max(a, covered);
      covered = b;
    }
  }
  if (covered < end) outages.push({ from: new Date(covered), to: new Date(end) });
  return { recordedFrom: new Date(start), recordedTo: new Date(end), upMs, downMs: end - start - upMs, outages };
}

/** The share up, in per cent with two decimals, rounded down so a single lost minute never shows as 100 %. */
export function uptimePercent(u: Uptime): number {
  const total = u.upMs + u.downMs;
  return total === 0 ? 100 : Math.floor((u.upMs / total) * 10_000) / 100;
}

/** The longest outages first (OUTAGES_LISTED of them), for the report's table. */
export const longestOutages = (u: Uptime): Outage[] => [...u.outages].sort((a, b) => b.to.getTime() - b.from.getTime() - (a.to.getTime() - a.from.getTime())).slice(0, OUTAGES_LISTED);
