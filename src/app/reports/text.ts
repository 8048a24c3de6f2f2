import { shownDay } from '../../core/dates.js';
import { message, type Lang } from '../../core/messages.js';
import type { ReportFigures } from './figures.js';
import { uptimeSentence } from './uptimeText.js';

const count = new Intl.NumberFormat('vi-VN');
const hours = (h: number | null, lang: Lang) => (h === null ? message(lang, 'report_none') : h.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }));

/** A report's figures as a person reads them in the terminal, one language. */
export function reportText(f: ReportFigures, lang: Lang, siteLines = Infinity): string {
  const n = (x: number) => (lang === 'vi' ? count.format(x) : x.toLocaleString('en-GB'));
  return [
    message(lang, 'report_title', { period: f.period.key, site: f.siteName[lang], from: shownDay(f.period.fromDay), to: shownDay(f.period.toDay) }) + (f.runningUntil ? ` ${message(lang, 'report_running', { day: shownDay(f.runningUntil) })}` : ''),
    message(lang, 'report_items', { received: n(f.items.received), published: n(f.items.published), rejected: n(f.items.rejected), takenDown: n(f.items.takenDown) }),
    f.leadTime.counted === 0 ? message(lang, 'report_lead_none') : message(lang, 'report_lead', { median: hours(f.leadTime.medianHours, lang), p90: hours(f.leadTime.p90Hours, lang), counted: n(f.leadTime.counted), s: f.leadTime.counted === 1 ? '' : 's' }),
    message(lang, 'report_visits', { views: n(f.visits.views), previous: n(f.visits.previousViews), lastYear: n(f.visits.lastYearViews), visitors: f.visits.visitors === null ? message(lang, 'report_none') : n(f.visits.visitors) }),
    message(lang, 'report_tickets', { total: n(f.tickets.total), onTime: n(f.tickets.onTime), late: n(f.tickets.late), overdue: n(f.tickets.overdue) }),
    ...activityText(f, lang, n),
    ...f.sites.slice(0, siteLines).map((s) =>
      message(lang, 'report_site_line', { site: s.name[lang], published: n(s.published), views: n(s.views), last: s.lastPublished ? shownDay(s.lastPublished) : message(lang, 'report_never'), stale: s.stale ? message(lang, 'report_stale_mark') : '' }),
    ),
    ...(f.sites.length > siteLines ? [`… (+${f.sites.length - siteLines})`] : []),
  ].join('\n');
}

/** The report's remaining sections (issue 20.6), a line each; incidents only in the portal's report, uptime from the recorded runs. */
function activityText(f: ReportFigures, lang: Lang, n: (x: number) => string): string[] {
  const { interactions: i, consultations: c, documents: d, royalties: r, revenue: v, incidents } = f.activity;
  return [
    message(lang, 'report_interactions', { received: n(i.received), answered: n(i.answered) }),
    ...(i.repliesPosted === null ? [] : [message(lang, 'report_replies', { replies: n(i.repliesPosted) })]),
    message(lang, 'report_consultations', { held: n(c.held), comments: n(c.comments), published: n(c.published), hidden: n(c.hidden), waiting: n(c.waiting) }),
    message(lang, 'report_documents', { published: n(d.published), onTime: n(d.onTime), late: n(d.late) }),
    message(lang, 'report_royalties', { sheets: n(r.sheets), gross: n(r.gross), tax: n(r.tax), net: n(r.net) }),
    message(lang, 'report_revenue', { payments: n(v.payments), reversals: n(v.reversals), amount: n(v.amount), tax: n(v.tax), afterTax: n(v.afterTax) }),
    incidents ? message(lang, 'report_incidents', { raised: n(incidents.raised) }) : message(lang, 'report_incidents_site'),
    uptimeSentence(f.activity.uptime, lang, f.timeZone),
  ];
}
