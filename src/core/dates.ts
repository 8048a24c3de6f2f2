/** Offset of `timeZone` from UTC at `instant`, in minutes. */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((local - instant.getTime()) / 60_000);
}

/** A day as people type it in Vietnam (dd/mm/yyyy, also d-m-yyyy or ISO yyyy-mm-dd) as "yyyy-mm-dd"; null when it is not a real day. */
export function typedDay(text: string): string | null {
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const [y, m, d] = dmy ? [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [0, 0, 0];
  if (y < 1000) return null;
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return probe.toISOString().slice(0, 10);
}

/** "2026-07-01" as Vietnamese readers write it: 01/07/2026. */
export const shownDay = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/**
 * A date as people type it (see typedDay), read as the end of that day in the province: the first
 * instant of the next day there. Null when it is not a real date.
 */
export function endOfDay(text: string, timeZone: string): Date | null {
  const day = typedDay(text);
  if (day === null) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const nextMidnightUtc = Date.UTC(y, m - 1, d + 1);
  return new Date(nextMidnightUtc - offsetMinutes(new Date(nextMidnightUtc), timeZone) * 60_000);
}

/** Time and day as Vietnamese readers see them, in the province's zone: 09:05 30/11/2026. */
/** One formatter per zone: making one costs far more than using it, and a page shows dozens of times. */
const localFormats = new Map<string, Intl.DateTimeFormat>();

export function formatLocal(instant: Date, timeZone: string): string {
  let format = localFormats.get(timeZone);
  if (!format) localFormats.set(timeZone, (format = new Intl.DateTimeFormat('vi-VN', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  return format.format(instant);
}

/** A local time as people type it: `dd/mm/yyyy HH:mm`, `HH:mm dd/mm/yyyy` as shown, or ISO `yyyy-mm-ddTHH:mm`, in the province's zone. Null when it is not one. */
export function localDateTime(text: string, timeZone: string): Date | null {
  const t = text.trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})[ T](\d{1,2}):(\d{2})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/.exec(t);
  // As the hub shows times (17:30 31/12/2027): a time copied from its output is read back.
  const shown = /^(\d{1,2}):(\d{2})\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const parts = dmy ? [dmy[3], dmy[2], dmy[1], dmy[4], dmy[5]] : iso ? [iso[1], iso[2], iso[3], iso[4], iso[5]] : shown ? [shown[5], shown[4], shown[3], shown[1], shown[2]] : null;
  if (!parts) return null;
  const [y, m, d, h, min] = parts.map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, h, min);
  const probe = new Date(asUtc);
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d || h > 23 || min > 59) return null;
  // The zone's offset at the guessed instant; a second pass settles times near an offset change.
  const first = asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000;
  return new Date(asUtc - offsetMinutes(new Date(first), timeZone) * 60_000);
}

const localDays = new Map<string, Intl.DateTimeFormat>();

/** The province's calendar day of an instant, "yyyy-mm-dd". */
export function localDay(instant: Date, timeZone: string): string {
  let format = localDays.get(timeZone);
  if (!format) localDays.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(instant);
}

/**
 * For a weekly message from Monday at `fromHour` in the province: the Monday ("yyyy-mm-dd") of the week
 * `instant` falls in, once that hour has passed; null on a Monday before it. The key marks the week sent.
 */
export function weeklyDue(instant: Date, timeZone: string, fromHour: number): string | null {
  const local = new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000);
  const weekday = (local.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  if (weekday === 0 && local.getUTCHours() < fromHour) return null;
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - weekday)).toISOString().slice(0, 10);
}
