import type { ReportActivity } from '../../src/app/reports/activity.js';
import { outageMinutes } from '../../src/app/reports/uptimeText.js';
import { formatLocal } from '../../src/core/dates.js';
import { message } from '../../src/core/messages.js';
import { longestOutages, uptimePercent, type Uptime } from '../../src/core/reports/uptime.js';
import type { Cell, Label, ReportTable } from './reportTables.js';

/** A label in both languages whose {key} is itself a catalogue text (an account, a kind of incident), each in its language. */
const named = (key: string, inner: string): Label => ({ vi: message('vi', key, { key: message('vi', inner) }), en: message('en', key, { key: message('en', inner) }) });
const both = (key: string): Label => ({ vi: message('vi', key), en: message('en', key) });
const table = (key: string, columns: string[], rows: Cell[][]): ReportTable => ({ title: both(`report_table_${key}`), columns: columns.map((c) => both(`report_col_${c}`)), rows });

/**
 * The tables of the report's remaining sections (issue 20.6), one sheet each in the annex: "Tương tác", "Lấy ý
 * kiến", "Văn bản đúng hạn", "Nhuận bút", "Dịch vụ truyền thông", "Sự cố". Money in whole đồng, as numbers.
 */
/** Uptime's rows: the share, the outages and their minutes, the longest of them each on a row. */
function uptimeRows(u: Uptime | null, timeZone: string): Cell[][] {
  if (!u) return [[both('report_row_uptime'), both('report_not_recorded')]];
  const outage = (key: 'vi' | 'en', from: Date, to: Date) => message(key, 'report_row_outage', { from: formatLocal(from, timeZone), to: formatLocal(to, timeZone) });
  return [
    [both('report_row_uptime'), uptimePercent(u)],
    [both('report_row_outages'), u.outages.length],
    [both('report_row_downtime'), u.outages.reduce((n, o) => n + outageMinutes(o), 0)],
    ...longestOutages(u).map((o): Cell[] => [{ vi: outage('vi', o.from, o.to), en: outage('en', o.from, o.to) }, outageMinutes(o)]),
  ];
}

export function activityTables(a: ReportActivity, timeZone: string) {
  const i = a.interactions;
  const d = a.documents;
  const c = a.consultations;
  const r = a.royalties;
  const v = a.revenue;
  return {
    interactions: table('interactions', ['platform', 'received', 'answered'], [
      ...i.bySource.map((s): Cell[] => [s.source, s.received, s.answered]),
      [both('report_row_total'), i.received, i.answered],
      ...(i.repliesPosted === null ? [] : [[both('report_row_replies'), null, i.repliesPosted]]),
    ]),
    consultations: table('consultations', ['indicator', 'count'], [
      [both('report_row_held'), c.held],
      [both('report_row_comments'), c.comments],
      [both('report_row_comments_published'), c.published],
      [both('report_row_comments_hidden'), c.hidden],
      [both('report_row_comments_waiting'), c.waiting],
    ]),
    documents: table('documents', ['deadline', 'days', 'on_time', 'late'], [
      ...d.byDeadline.map((b): Cell[] => [both(`report_deadline_${b.deadline}`), b.days, b.onTime, b.late]),
      [both('report_row_total'), null, d.onTime, d.late],
    ]),
    royalties: table('royalties', ['indicator', 'value'], [
      [both('report_row_sheets'), r.sheets],
      [both('report_row_gross'), r.gross],
      [both('report_row_tax'), r.tax],
      [both('report_row_net'), r.net],
    ]),
    revenue: table('revenue', ['indicator', 'value'], [
      [both('report_row_payments'), v.payments],
      [both('report_row_reversals'), v.reversals],
      [both('report_row_amount'), v.amount],
      [both('report_row_revenue_tax'), v.tax],
      [both('report_row_after_tax'), v.afterTax],
      ...v.split.map((s): Cell[] => [named('report_row_split', `account_${s.account}`), s.amount]),
    ]),
    incidents: table('incidents', ['indicator', 'count'], [
      // A site's report has no incidents of its own: the row says where they are rather than a 0 that would mislead.
      [both('report_row_alerts'), a.incidents ? a.incidents.raised : both('report_incidents_site')],
      ...(a.incidents?.byKind ?? []).map((k): Cell[] => [named('report_row_alert_kind', `report_alert_${k.key}`), k.count]),
      ...uptimeRows(a.uptime, timeZone),
    ]),
  };
}
