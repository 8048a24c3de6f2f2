import type { DeliveryAction } from './delivery.js';

/**
 * Daily platform quotas (YouTube: units per project, reset at midnight Pacific time). Costs are
 * configuration: Google's pages disagree on what an upload costs (notes/platforms.md §5).
 */
export interface QuotaRule {
  dailyUnits: number;
  /** Share of the day's units after which operators are warned. */
  warnAt: number;
  costs: Record<DeliveryAction | 'lookup', number>;
  timeZone: string;
}

export function youtubeQuota(dailyUnits: number, uploadCost: number): QuotaRule {
  // An upload also sets the thumbnail and joins the playlist: 50 units each.
  return { dailyUnits, warnAt: 0.8, costs: { publish: uploadCost + 100, update: 50, remove: 50, lookup: 2 }, timeZone: 'America/Los_Angeles' };
}

function partsIn(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute'), s: get('second') };
}

/** The quota day an instant belongs to, as YYYY-MM-DD in the platform's zone. */
export function quotaDay(instant: Date, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

/** Milliseconds until the next quota day starts (midnight in the platform's zone). */
export function untilNextQuotaDay(instant: Date, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const elapsed = ((p.h * 60 + p.min) * 60 + p.s) * 1000 + instant.getUTCMilliseconds();
  // Days around a clock change are 23 or 25 hours; a minute's margin keeps the retry after midnight.
  return 24 * 3_600_000 - elapsed + 60_000;
}

export type QuotaVerdict = { kind: 'ok'; cost: number } | { kind: 'exhausted'; untilMs: number };

export function checkQuota(rule: QuotaRule, used: number, cost: number, now: Date): QuotaVerdict {
  return used + cost > rule.dailyUnits ? { kind: 'exhausted', untilMs: untilNextQuotaDay(now, rule.timeZone) } : { kind: 'ok', cost };
}
