import { formatLocal } from '../../core/dates.js';
import { message, type Lang } from '../../core/messages.js';
import { uptimePercent, type Outage, type Uptime } from '../../core/reports/uptime.js';

const MINUTE = 60_000;

/** Whole minutes, rounded up: a 20-second outage is reported as a minute, never as none. */
export const outageMinutes = (o: Outage): number => Math.ceil((o.to.getTime() - o.from.getTime()) / MINUTE);

export const percentText = (share: number, lang: Lang): string => share.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function durationText(ms: number, lang: Lang): string {
  const minutes = Math.ceil(ms / MINUTE);
  return message(lang, 'report_duration', { hours: String(Math.floor(minutes / 60)), minutes: String(minutes % 60) });
}

/** The report's uptime sentence, in one language: the share of the recorded time, the outages and their total. */
export function uptimeSentence(uptime: Uptime | null, lang: Lang, timeZone: string): string {
  if (!uptime) return message(lang, 'report_uptime');
  return message(lang, 'report_uptime_share', {
    share: percentText(uptimePercent(uptime), lang),
    from: formatLocal(uptime.recordedFrom, timeZone),
    to: formatLocal(uptime.recordedTo, timeZone),
    outages: String(uptime.outages.length),
    down: durationText(uptime.downMs, lang),
  });
}
