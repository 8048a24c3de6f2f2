/**
 * A chat account's send budget over rolling windows: at most `perHour` messages in any hour and
 * `perDay` in any day (24 hours, not a calendar day: a burst just before midnight must not be
 * followed by another just after). Pure: callers pass the send times they recorded and the time.
 *
 * Rules:
 * - A send at instant t counts in the hour window while now − t < 1 h, and in the day window while now − t < 24 h.
 * - A message may go now when fewer than `perHour` sends lie in the hour window and fewer than `perDay` in the day window.
 * - Otherwise the next free instant is when enough of the oldest sends leave both windows to open one place in each.
 * - The budget is tight when what is left of the hour or of the day is at most a fifth of it (rounded up,
 *   so at least the last message is tight): from there, notices owed to one group go as one message,
 *   and the admins are told once per window, before the budget runs out.
 */

export interface SendLimits {
  perHour: number;
  perDay: number;
}

export interface BudgetWindows {
  hourMs: number;
  dayMs: number;
}

export const HOUR_MS = 60 * 60_000;
export const DAY_MS = 24 * HOUR_MS;
export const REAL_WINDOWS: BudgetWindows = { hourMs: HOUR_MS, dayMs: DAY_MS };

/** The share of a window's budget left at which it counts as tight. */
export const TIGHT_SHARE = 0.2;

export interface BudgetStatus {
  sentHour: number;
  sentDay: number;
  leftHour: number;
  leftDay: number;
  /** Null: a message may go now. */
  nextFreeAt: number | null;
  hourTight: boolean;
  dayTight: boolean;
  tight: boolean;
}

/** How many left at most counts as tight, for a window allowing `limit`. */
export const tightAt = (limit: number): number => Math.ceil(limit * TIGHT_SHARE);

/**
 * When a window of `windowMs` that holds `inWindow` (sorted oldest first) has a free place again: the
 * (n − limit + 1)-th oldest must leave it. Null when it has one now.
 */
function freeAt(inWindow: readonly number[], limit: number, windowMs: number): number | null {
  if (inWindow.length < limit) return null;
  // A limit of 0 never frees; the day window is the longest any caller waits before asking again.
  if (limit <= 0) return (inWindow.at(-1) ?? 0) + windowMs;
  return inWindow[inWindow.length - limit]! + windowMs;
}

/** The budget as it stands at `now`, given the send times (ms, any order; older than a day is ignored). */
export function budgetStatus(sentAt: readonly number[], limits: SendLimits, now: number, windows: BudgetWindows = REAL_WINDOWS): BudgetStatus {
  const day = sentAt.filter((t) => now - t < windows.dayMs && t <= now).sort((a, b) => a - b);
  const hour = day.filter((t) => now - t < windows.hourMs);
  const hourFree = freeAt(hour, limits.perHour, windows.hourMs);
  const dayFree = freeAt(day, limits.perDay, windows.dayMs);
  const leftHour = Math.max(0, limits.perHour - hour.length);
  const leftDay = Math.max(0, limits.perDay - day.length);
  const hourTight = leftHour <= tightAt(limits.perHour);
  const dayTight = leftDay <= tightAt(limits.perDay);
  return {
    sentHour: hour.length,
    sentDay: day.length,
    leftHour,
    leftDay,
    nextFreeAt: hourFree === null && dayFree === null ? null : Math.max(hourFree ?? now, dayFree ?? now),
    hourTight,
    dayTight,
    tight: hourTight || dayTight,
  };
}

export type TightWindow = 'hour' | 'day';

/**
 * Which tight window the admins should hear about now, if any: the day first (the longer wait),
 * each at most once per its own window, given when each was last alerted.
 */
export function alertDue(status: BudgetStatus, lastAlert: { hour: number | null; day: number | null }, now: number, windows: BudgetWindows = REAL_WINDOWS): TightWindow | null {
  if (status.dayTight && (lastAlert.day === null || now - lastAlert.day >= windows.dayMs)) return 'day';
  if (status.hourTight && (lastAlert.hour === null || now - lastAlert.hour >= windows.hourMs)) return 'hour';
  return null;
}
