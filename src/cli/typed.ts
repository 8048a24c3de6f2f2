import { typedDay } from '../core/dates.js';
import { fail } from './common.js';

/** A day typed dd/mm/yyyy, as the frame keeps it; refused in both languages otherwise. */
export function day(given: string): string {
  return typedDay(given) ?? fail({ ok: false, reason: 'royalty_bad_day', detail: { given } });
}

/** 2.530.000, 2,530,000 or 2530000: people group the thousands as they like. */
export function amount(given: string): number {
  const digits = given.trim().replace(/[.,\s_]/g, '');
  return /^\d{1,15}$/.test(digits) ? Number(digits) : fail({ ok: false, reason: 'royalty_bad_number', detail: { given } });
}
