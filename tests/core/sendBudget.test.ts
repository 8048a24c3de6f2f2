import { describe, expect, it } from 'vitest';
import { alertDue, budgetStatus, DAY_MS, HOUR_MS, tightAt } from '../../src/core/sendBudget.js';

const T0 = Date.parse('2026-12-02T08:00:00Z');
const min = 60_000;

describe('the send budget over rolling windows', () => {
  it('lets a message go while both windows have room, and counts only the last hour and day', () => {
    const s = budgetStatus([T0 - 2 * DAY_MS, T0 - 23 * HOUR_MS, T0 - 30 * min, T0 - min], { perHour: 5, perDay: 10 }, T0);
    expect(s).toMatchObject({ sentHour: 2, sentDay: 3, leftHour: 3, leftDay: 7, nextFreeAt: null, hourTight: false, dayTight: false, tight: false });
  });

  it('is full at the hour limit and frees when the oldest send of the hour is an hour old', () => {
    const sends = [T0 - 50 * min, T0 - 40 * min, T0 - 30 * min, T0 - 20 * min, T0 - 10 * min];
    const s = budgetStatus(sends, { perHour: 5, perDay: 100 }, T0);
    expect(s.leftHour).toBe(0);
    expect(s.nextFreeAt).toBe(T0 + 10 * min);
    // At that instant the oldest has left the window (a send counts while less than an hour old).
    expect(budgetStatus(sends, { perHour: 5, perDay: 100 }, T0 + 10 * min).nextFreeAt).toBeNull();
    expect(budgetStatus(sends, { perHour: 5, perDay: 100 }, T0 + 10 * min - 1).nextFreeAt).toBe(T0 + 10 * min);
  });

  it('waits for the day window too, taking the later of the two instants', () => {
    const sends = [T0 - 23 * HOUR_MS, T0 - 22 * HOUR_MS, T0 - 5 * min];
    const s = budgetStatus(sends, { perHour: 5, perDay: 3 }, T0);
    expect(s).toMatchObject({ leftHour: 4, leftDay: 0, dayTight: true });
    expect(s.nextFreeAt).toBe(T0 + HOUR_MS);
    // Over both: more sent than allowed (a budget lowered), so enough must leave to open one place.
    const over = budgetStatus([T0 - 3 * min, T0 - 2 * min, T0 - min], { perHour: 2, perDay: 100 }, T0);
    expect(over.nextFreeAt).toBe(T0 - 2 * min + HOUR_MS);
  });

  it('is tight at a fifth of a window left, rounded up, so the last message always is', () => {
    expect(tightAt(60)).toBe(12);
    expect(tightAt(300)).toBe(60);
    expect(tightAt(5)).toBe(1);
    expect(tightAt(1)).toBe(1);
    const sends = (n: number) => Array.from({ length: n }, (_, i) => T0 - (i + 1) * 1000);
    expect(budgetStatus(sends(47), { perHour: 60, perDay: 300 }, T0).tight).toBe(false);
    expect(budgetStatus(sends(48), { perHour: 60, perDay: 300 }, T0)).toMatchObject({ leftHour: 12, hourTight: true, dayTight: false, tight: true });
    expect(budgetStatus(sends(3), { perHour: 5, perDay: 300 }, T0).tight).toBe(false);
    expect(budgetStatus(sends(4), { perHour: 5, perDay: 300 }, T0).tight).toBe(true);
  });

  it('alerts once per window: the day before the hour, the hour again an hour later', () => {
    const hourTight = budgetStatus([T0 - 3 * min, T0 - 2 * min, T0 - min, T0 - 1], { perHour: 5, perDay: 100 }, T0);
    expect(alertDue(hourTight, { hour: null, day: null }, T0)).toBe('hour');
    expect(alertDue(hourTight, { hour: T0 - 59 * min, day: null }, T0)).toBeNull();
    expect(alertDue(hourTight, { hour: T0 - HOUR_MS, day: null }, T0)).toBe('hour');
    const bothTight = budgetStatus([T0 - 3 * min, T0 - 2 * min, T0 - min, T0 - 1], { perHour: 5, perDay: 5 }, T0);
    expect(alertDue(bothTight, { hour: null, day: null }, T0)).toBe('day');
    expect(alertDue(bothTight, { hour: T0 - 2 * HOUR_MS, day: T0 - 2 * HOUR_MS }, T0)).toBe('hour');
    const roomy = budgetStatus([], { perHour: 5, perDay: 5 }, T0);
    expect(alertDue(roomy, { hour: null, day: null }, T0)).toBeNull();
  });
});
