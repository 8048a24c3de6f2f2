import { typedDay } from '../core/dates.js';
import { fail } from './common.js';

/** A day typed dd/mm/yyyy, as the frame keeps it; refused in both languages otherwise. */
export function day(given: string): string {
  return typedDay(given) ?? fail({ ok: false, reason: 'royalty_bad_day', detail: { given } });
}

/** Whole đồng, plain or with one separator between every three digits. */
const GROUPED = /^(\d{1,15}|\d{1,3}(\.\d{3})+|\d{1,3}(,\d{3})+|\d{1,3}( \d{3})+|\d{1,3}(_\d{3})+)$/;

/**
 * 2.530.000, 2,530,000, 2 530 000 or 2530000: people group the thousands as they like, but only in threes,
 * so "1,5" or "1.5" (a decimal, or a slip) is refused rather than read as fifteen.
 */
export function amount(given: string): number {
  const text = given.trim();
  const digits = text.replace(/[.,\s_]/g, '');
  // A number, but not one an amount can be: said as such, not as "not a number".
  if (/^-/.test(text) && GROUPED.test(text.slice(1))) return fail({ ok: false, reason: 'royalty_amount_negative', detail: { given } });
  if (/^\d[\d., _]*$/.test(text) && digits.length > 15) return fail({ ok: false, reason: 'royalty_amount_too_big', detail: { given: given.slice(0, 40) } });
  return GROUPED.test(text) ? Number(digits) : fail({ ok: false, reason: 'royalty_bad_number', detail: { given } });
}
