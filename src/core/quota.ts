import type { DeliveryAction, DeliveryPart } from './delivery.js';

/**
 * Platform quotas (units per day or per month, in the platform's time zone), counted by the
 * dispatcher; each adapter's profile says what its platform limits and what each call costs.
 */
export interface QuotaRule {
  /** Units in one period. */
  units: number;
  period: 'day' | 'month';
  /** Share of the period's units after which operators are warned. */
  warnAt: number;
  costs: Record<DeliveryAction | 'lookup', number>;
  /** Parts priced apart from their action (a broadcast). */
  partCosts?: Partial<Record<DeliveryPart, number>>;
  timeZone: string;
}

export const costOf = (rule: QuotaRule, action: DeliveryAction, part: DeliveryPart) => (action === 'publish' ? (rule.partCosts?.[part] ?? rule.costs.publish) : rule.costs[action]);

function partsIn(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute'), s: get('second') };
}

/** The quota period an instant belongs to: YYYY-MM-DD or YYYY-MM in the platform's zone. */
export function quotaPeriod(instant: Date, rule: Pick<QuotaRule, 'period' | 'timeZone'>): string {
  const p = partsIn(instant, rule.timeZone);
  const month = `${p.y}-${String(p.m).padStart(2, '0')}`;
  return rule.period === 'month' ? month : `${month}-${String(p.d).padStart(2, '0')}`;
}

export const quotaDay = (instant: Date, timeZone: string) => quotaPeriod(instant, { period: 'day', timeZone });

/** Milliseconds until the next quota period starts (midnight, or the first of the month, in the platform's zone). */
export function untilNextPeriod(instant: Date, rule: Pick<QuotaRule, 'period' | 'timeZone'>): number {
  const p = partsIn(instant, rule.timeZone);
  const elapsedToday = ((p.h * 60 + p.min) * 60 + p.s) * 1000 + instant.getUTCMilliseconds();
  const daysLeft = rule.period === 'month' ? new Date(Date.UTC(p.y, p.m, 0)).getUTCDate() - p.d : 0;
  // Days around a clock change are 23 or 25 hours; a minute's margin keeps the retry after the turn.
  return (daysLeft + 1) * 24 * 3_600_000 - elapsedToday + 60_000;
}

export const untilNextQuotaDay = (instant: Date, timeZone: string) => untilNextPeriod(instant, { period: 'day', timeZone });

export type QuotaVerdict = { kind: 'ok'; cost: number } | { kind: 'exhausted'; untilMs: number };

export function checkQuota(rule: QuotaRule, used: number, cost: number, now: Date): QuotaVerdict {
  return cost > 0 && used + cost > rule.units ? { kind: 'exhausted', untilMs: untilNextPeriod(now, rule) } : { kind: 'ok', cost };
}

/** Below this share of the period's units left for it, a poller reads less (one page per post, no extra look-ups). */
export const POLL_LOW_SHARE = 0.05;

/**
 * Units a poller (comment threads) may spend now. Uploads win: what stays is a reserve for every
 * publication still waiting on the channel, and at least one, priced as an upload.
 */
export function pollAllowance(rule: Pick<QuotaRule, 'units' | 'costs'>, used: number, waiting: number): number {
  return Math.max(0, rule.units - used - Math.max(1, waiting) * rule.costs.publish);
}
