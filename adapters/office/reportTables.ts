import type { ReportFigures } from '../../src/app/reports/figures.js';
import { shownDay } from '../../src/core/dates.js';
import { message, type Lang } from '../../src/core/messages.js';
import { activityTables } from './reportActivityTables.js';

/** A text in both languages: the Word report shows the Vietnamese, the annex's headers show both. */
export interface Label {
  vi: string;
  en: string;
}

/** A cell: a figure (a number, so the annex sums and filters it), a text from the data, a label, or none ("không có"). */
export type Cell = number | string | Label | null;

export interface ReportTable {
  /** The annex's worksheet is named after the Vietnamese title. */
  title: Label;
  columns: Label[];
  rows: Cell[][];
}

export const label = (key: string, detail?: Record<string, string>): Label => ({ vi: message('vi', key, detail), en: message('en', key, detail) });
const cols = (...keys: string[]) => keys.map((k) => label(`report_col_${k}`));
const table = (key: string, columns: Label[], rows: Cell[][]): ReportTable => ({ title: label(`report_table_${key}`), columns, rows });
const numbered = (rows: Cell[][]): Cell[][] => rows.map((r, i) => [i + 1, ...r]);
/** Hours to one decimal, so the report and the annex show the same figure. */
const hours = (h: number | null) => (h === null ? null : Math.round(h * 10) / 10);
const byKey = (record: Record<string, number>) => Object.entries(record).sort((a, b) => a[0].localeCompare(b[0]));

const viNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** A cell as the Word report prints it: Vietnamese number format (1.234; 1,5). */
export function cellText(cell: Cell, lang: Lang = 'vi'): string {
  if (cell === null) return message(lang, 'report_none');
  if (typeof cell === 'number') return lang === 'vi' ? viNumber.format(cell) : cell.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  return typeof cell === 'string' ? cell : cell[lang];
}

/**
 * Every table of the report, made once so the Word report and the annex cannot disagree: the Word report shows
 * the indicator parts (items, lead, visits) in their sections and the rest whole, the annex one sheet per table.
 */
export function reportTables(f: ReportFigures, timeZone: string) {
  const indicator = cols('indicator', 'value');
  const items = table('summary', indicator, [
    [label('report_row_received'), f.items.received],
    [label('report_row_published'), f.items.published],
    [label('report_row_rejected'), f.items.rejected],
    [label('report_row_taken_down'), f.items.takenDown],
  ]);
  const lead = table('summary', indicator, [
    [label('report_row_lead_counted'), f.leadTime.counted],
    [label('report_row_lead_median'), hours(f.leadTime.medianHours)],
    [label('report_row_lead_p90'), hours(f.leadTime.p90Hours)],
  ]);
  const visits = table('summary', indicator, [
    [label('report_row_views'), f.visits.views],
    [label('report_row_previous'), f.visits.previousViews],
    [label('report_row_last_year'), f.visits.lastYearViews],
    [label('report_row_visitors'), f.visits.visitors],
  ]);
  const t = f.tickets;
  const sheets = {
    summary: table('summary', indicator, [...items.rows, ...lead.rows, ...visits.rows]),
    section: table('section', cols('no', 'section', 'items'), numbered(f.items.bySection.map((c) => [c.key === '' ? label('report_no_section') : (c.name ?? c.key), c.count]))),
    channel: table('channel', cols('no', 'channel', 'items'), numbered(f.items.byChannel.map((c) => [c.name ?? c.key, c.count]))),
    kind: table('kind', cols('no', 'kind', 'items'), numbered(f.items.byKind.map((c) => [c.name ?? c.key, c.count]))),
    week: table('week', cols('no', 'week', 'items'), numbered(f.items.perWeek.map((c) => [shownDay(c.key), c.count]))),
    day: table('day', cols('no', 'day', 'views'), numbered(f.visits.perDay.map((d) => [shownDay(d.day), d.views]))),
    top: table('top', cols('no', 'code', 'title', 'views'), numbered(f.visits.topArticles.map((a) => [a.code, a.title, a.views]))),
    mirrors: table('mirrors', cols('no', 'mirror', 'platform', 'delivered', 'failed', 'waiting'), numbered(f.mirrors.map((m) => [m.channel, m.platform, m.delivered, m.failed, m.waiting]))),
    tickets: table('tickets', cols('indicator', 'count'), [
      [label('report_row_tickets'), t.total],
      [label('report_row_on_time'), t.onTime],
      [label('report_row_late'), t.late],
      [label('report_row_overdue'), t.overdue],
      ...byKey(t.byKind).map(([key, n]): Cell[] => [label('report_row_by_kind', { key }), n]),
      ...byKey(t.byChannel).map(([key, n]): Cell[] => [label('report_row_by_channel', { key }), n]),
      ...byKey(t.byState).map(([key, n]): Cell[] => [label('report_row_by_state', { key }), n]),
    ]),
    sites: table(
      'sites',
      cols('no', 'site', 'published', 'views', 'last', 'stale'),
      numbered(f.sites.map((s) => [s.name, s.published, s.views, s.lastPublished ? shownDay(s.lastPublished) : label('report_never'), s.stale ? label('report_yes') : ''])),
    ),
    ...activityTables(f.activity, timeZone),
  };
  return { sheets, parts: { items, lead, visits } };
}

export type ReportSheets = ReturnType<typeof reportTables>['sheets'];
