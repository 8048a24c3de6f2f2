import { localDay } from '../../core/dates.js';
import { DOCUMENT_TYPES, type DocumentType } from '../../core/documents/record.js';
import { DEADLINE_OF_TYPE, documentTimeliness, type DeadlineKind } from '../../core/documents/timeliness.js';
import { alertKind } from '../../core/reports/alertKinds.js';
import { uptimeOver, type Uptime } from '../../core/reports/uptime.js';
import type { WorkingCalendar } from '../../core/tickets/calendar.js';
import type { Deps } from '../deps.js';
import { calendarSource } from '../tickets/calendarSource.js';
import type { ActivityScope } from './activityPorts.js';

/** Documents read per page: a province publishes a few thousand a year, and a page is a few hundred kilobytes. */
const DOCUMENT_PAGE = 1000;

export interface ReportActivity {
  /** Comments, replies and messages received in the period (reactions, ratings and share counts are not). */
  interactions: {
    received: number;
    /** Of those received in the period, the ones a moderator has answered (at the time the report is made). */
    answered: number;
    bySource: { source: string; received: number; answered: number }[];
    /** Replies the hub posted on a platform in the period; the rows name no site, so null in a site's report. */
    repliesPosted: number | null;
  };
  /** Drafts open at some moment of the period, and the comments received on them in it, by moderation state. */
  consultations: { held: number; comments: number; published: number; hidden: number; waiting: number };
  /** Documents published in the period, against the deadline of their kind (working days from the issue date). */
  documents: { published: number; onTime: number; late: number; byDeadline: { deadline: DeadlineKind; days: number; onTime: number; late: number }[] };
  /** Royalty sheets marked paid in the period; whole đồng. */
  royalties: { sheets: number; gross: number; tax: number; net: number };
  /** Media-service money received in the period (its local days), reversals netted; its split by account. */
  revenue: { payments: number; reversals: number; amount: number; tax: number; afterTax: number; split: { account: string; amount: number }[] };
  /** Alerts raised in the period, by kind; the service's, so null in a site's report. */
  incidents: { raised: number; byKind: { key: string; count: number }[] } | null;
  /** The portal's uptime over the part of the period recorded (src/core/reports/uptime.ts); null: none of it was. */
  uptime: Uptime | null;
}

const isDocumentType = (key: string): key is DocumentType => key in DOCUMENT_TYPES;

/** The documents of the period, counted on time or late a page at a time (their deadline is in working days). */
export async function documentsOnTime(deps: Deps, scope: ActivityScope, cal: WorkingCalendar): Promise<ReportActivity['documents']> {
  const by = new Map<DeadlineKind, { deadline: DeadlineKind; days: number; onTime: number; late: number }>();
  let after: { publishedAt: Date; itemId: string } | null = null;
  let published = 0;
  for (;;) {
    const page = await deps.store.documentsPublished(scope, after, DOCUMENT_PAGE);
    for (const d of page) {
      published += 1;
      // A type no longer in the table (renamed since) is judged by the legal deadline, the strictest.
      const type: DocumentType = isDocumentType(d.docType) ? d.docType : 'quyet-dinh';
      const t = documentTimeliness(type, d.issuedOn, localDay(d.publishedAt, deps.timeZone), cal, deps.documentDeadlines);
      const kind = DEADLINE_OF_TYPE[type];
      const row = by.get(kind) ?? { deadline: kind, days: t.deadline, onTime: 0, late: 0 };
      if (t.onTime) row.onTime += 1;
      else row.late += 1;
      by.set(kind, row);
    }
    const last = page.at(-1);
    if (!last || page.length < DOCUMENT_PAGE) break;
    after = { publishedAt: last.publishedAt, itemId: last.itemId };
  }
  const byDeadline = [...by.values()].sort((a, b) => a.deadline.localeCompare(b.deadline));
  const onTime = byDeadline.reduce((n, r) => n + r.onTime, 0);
  return { published, onTime, late: published - onTime, byDeadline };
}

/**
 * The report's remaining sections for [from, to) over the given sites (null: the whole portal). `calendar` is the
 * working calendar documents' deadlines are counted in; by default the shipped holidays with the operator's exceptions.
 */
export async function reportActivity(deps: Deps, from: Date, to: Date, siteIds: string[] | null, calendar: () => Promise<WorkingCalendar> = calendarSource(deps, null)): Promise<ReportActivity> {
  const scope: ActivityScope = { from, to, siteIds };
  const whole = siteIds === null;
  // Revenue is entered by local day: the period's days are those its instants fall on (`to` is exclusive).
  const fromDay = localDay(from, deps.timeZone);
  const toDay = localDay(new Date(to.getTime() - 1), deps.timeZone);
  // The portal's runs up to now: a period still running is measured to this instant, not its end.
  const until = to < deps.clock() ? to : deps.clock();
  const [interactions, replies, consultations, royalties, revenue, alerts, cal, runs] = await Promise.all([
    deps.store.interactionCounts(scope),
    whole ? deps.store.repliesPosted(from, to) : Promise.resolve(null),
    deps.store.consultationActivity(scope),
    deps.store.royaltiesPaid(scope),
    deps.store.revenueReceived(siteIds, fromDay, toDay),
    whole ? deps.store.alertTexts(from, to) : Promise.resolve(null),
    calendar(),
    deps.store.uptimeRuns(from, until),
  ]);
  const documents = await documentsOnTime(deps, scope, cal);
  const commentsIn = (state: string) => consultations.comments.find((c) => c.state === state)?.count ?? 0;
  const byKind = new Map<string, number>();
  // The audit trail's hourly anchor reaches the admins as an alert but is routine, not an incident.
  const incidentAlerts = alerts?.filter((a) => alertKind(a.text) !== 'audit') ?? null;
  for (const a of incidentAlerts ?? []) byKind.set(alertKind(a.text), (byKind.get(alertKind(a.text)) ?? 0) + a.count);
  const bySource = [...interactions].sort((a, b) => a.source.localeCompare(b.source));
  return {
    interactions: { received: bySource.reduce((n, s) => n + s.received, 0), answered: bySource.reduce((n, s) => n + s.answered, 0), bySource, repliesPosted: replies },
    consultations: { held: consultations.held, comments: consultations.comments.reduce((n, c) => n + c.count, 0), published: commentsIn('published'), hidden: commentsIn('hidden'), waiting: commentsIn('new') },
    documents,
    royalties,
    revenue: { payments: revenue.payments, reversals: revenue.reversals, amount: revenue.amount, tax: revenue.tax, afterTax: revenue.afterTax, split: revenue.accounts },
    incidents: incidentAlerts && { raised: incidentAlerts.reduce((n, a) => n + a.count, 0), byKind: [...byKind.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key, count]) => ({ key, count })) },
    uptime: uptimeOver(runs.runs, runs.firstStartedAt, from, until),
  };
}
