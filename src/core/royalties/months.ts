/** A month as people type it (11/2026, 11-2026, 2026-11) as "yyyy-mm"; null when it is not one. */
export function typedMonth(text: string): string | null {
  const t = text.trim();
  const my = /^(\d{1,2})[/.-](\d{4})$/.exec(t);
  const ym = /^(\d{4})-(\d{1,2})$/.exec(t);
  const [y, m] = my ? [Number(my[2]), Number(my[1])] : ym ? [Number(ym[1]), Number(ym[2])] : [0, 0];
  if (y < 2000 || y > 2999 || m < 1 || m > 12) return null;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** "2026-11" → "2026-11-30": the month's last day, the day its sheet is paid on. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The month after "yyyy-mm". */
export function monthAfter(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The month before: "2027-01" → "2026-12". */
export function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

/** "2026-11" as Vietnamese readers write it: 11/2026. */
export const shownMonth = (month: string): string => `${month.slice(5, 7)}/${month.slice(0, 4)}`;
