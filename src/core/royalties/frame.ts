/**
 * The royalty frame (seed Điều 17; ../shared/notes/money-and-reports.md §1) as data with effective
 * dates: nothing here is a rate. Days are local calendar days, "yyyy-mm-dd"; the caller turns an
 * instant into the site's day. Coefficients are kept in hundredths (1.5 is 150) and money in whole
 * đồng, so every sum is exact.
 */

/** A value in force from a day until the next one of its kind. */
export interface Dated {
  from: string;
}

/** The base salary (mức lương cơ sở); one coefficient unit is `unitPercent` of it (10 % by Decree 18/2014). */
export interface SalaryPeriod extends Dated {
  baseSalary: number;
  unitPercent: number;
}

/** Personal income tax withheld on one payment to one person without a labour contract. */
export interface TaxPeriod extends Dated {
  /** A payment of at least this much is taxed (resident payees). */
  threshold: number;
  ratePercent: number;
  /** Non-residents are taxed on every payment, whatever its size. */
  nonResidentRatePercent: number;
}

/** A genre (thể loại) and the coefficients the portal may pay for it, in hundredths. */
export interface Genre {
  key: string;
  nameVi: string;
  nameEn: string;
  min: number;
  max: number;
}

/** What a kind of site pays, as a percentage of the portal's rates (a department site 20 %, say). */
export interface SiteKindRate extends Dated {
  siteKind: string;
  percent: number;
}

export interface RoyaltyFrame {
  salaries: SalaryPeriod[];
  taxes: TaxPeriod[];
  genres: Genre[];
  siteRates: SiteKindRate[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The period in force on `day`: the latest that began on or before it; null before the first. */
export function inForce<T extends Dated>(periods: readonly T[], day: string): T | null {
  if (!DAY.test(day)) throw new Error(`inForce: not a day: ${day}`);
  let found: T | null = null;
  for (const p of periods) if (p.from <= day && (found === null || p.from > found.from)) found = p;
  return found;
}

/** One coefficient unit's value in whole đồng on `day`, or null when no salary period covers it. */
export function unitValue(frame: Pick<RoyaltyFrame, 'salaries'>, day: string): number | null {
  const salary = inForce(frame.salaries, day);
  return salary ? Math.round((salary.baseSalary * salary.unitPercent) / 100) : null;
}

/** The share a site of this kind pays of the portal's rates on `day`: 100 for a kind not listed. */
export function sitePercent(frame: Pick<RoyaltyFrame, 'siteRates'>, siteKind: string, day: string): number {
  return inForce(frame.siteRates.filter((r) => r.siteKind === siteKind), day)?.percent ?? 100;
}

/** "1,5" or "1.5" as typed → 150 hundredths; null for anything else (at most two decimals, not negative). */
export function parseCoefficient(typed: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*$/.exec(typed);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** 150 → "1,5" as Vietnamese write it; `en` → "1.5". */
export function formatCoefficient(hundredths: number, lang: 'vi' | 'en'): string {
  const whole = Math.floor(hundredths / 100);
  const rest = hundredths % 100;
  const decimals = rest === 0 ? '' : (rest % 10 === 0 ? String(rest / 10) : String(rest).padStart(2, '0'));
  return decimals ? `${whole}${lang === 'vi' ? ',' : '.'}${decimals}` : String(whole);
}

/** Whether a coefficient lies within its genre's frame; the reason when not. */
export function coefficientProblem(genre: Genre, hundredths: number): 'below_frame' | 'above_frame' | null {
  if (hundredths < genre.min) return 'below_frame';
  if (hundredths > genre.max) return 'above_frame';
  return null;
}
