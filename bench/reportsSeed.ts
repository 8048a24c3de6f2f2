/**
 * The archive the reports bench measures (bench/reports.ts): `portal-hub demo`'s sample province (sites, people,
 * sections, through the operator's use cases), then ITEMS publications spread over one year through the store's
 * bulk path (the demo's writer, src/store/bulkPublications.ts), a share of them with the submission they came from
 * and the desk item that carries it, and a year of hourly page views (the rows the counter's flush writes).
 */
import { randomBytes } from 'node:crypto';
import { fillDemo } from '../src/app/demo.js';
import { yearIn, type Deps } from '../src/app/deps.js';
import { demoItem, demoTime, random, type DemoSiteRef } from '../src/core/demo.js';
import { ownerOfView } from '../src/core/analytics/pageViews.js';
import { SKETCH_BYTES } from '../src/core/analytics/visitorSketch.js';
import { addDays } from '../src/core/tickets/calendar.js';
import { openClient } from '../src/store/client.js';

/** Publications per bulk call: the demo's batch is sized for a live desk beside it; the bench has none. */
const BATCH = 5000;
/** One publication in SUBMITTED came in as a chat submission (the rest were written at the desk or imported). */
const SUBMITTED = 4;
const SEED = 20;

export interface SeedPlan {
  items: number;
  sites: number;
  /** Local days, inclusive: the report's year. */
  fromDay: string;
  toDay: string;
  /** The instants of those days' bounds in the province's zone. */
  from: Date;
  to: Date;
  /** Page rows counted each hour. */
  pagesPerHour: number;
}

/** The desk rows of a submission accepted as an item and published: what intake, triage and publishing leave. */
async function addSubmissions(url: string, codes: readonly string[]): Promise<void> {
  const db = openClient(url);
  try {
    const [person] = await db.person.findMany({ take: 1, select: { id: true } });
    const rows = await db.publication.findMany({ where: { code: { in: [...codes] } }, select: { itemId: true, code: true, siteId: true, kind: true, category: true, publishedAt: true } });
    const rnd = random(rows.length);
    const picked = rows.filter((_, i) => i % SUBMITTED === 0);
    const received = picked.map((p) => new Date(p.publishedAt.getTime() - Math.floor((1 + rnd() * 71) * 3_600_000)));
    await db.$transaction([
      db.submission.createMany({
        data: picked.map((p, i) => ({
          id: `bench-sub-${p.itemId}`, siteId: p.siteId, channel: i % 3 === 0 ? 'zalo' : 'telegram', chatId: '-100200', messageIds: JSON.stringify([String(i)]),
          dedupeKey: `bench|${p.itemId}`, code: p.code, senderPlatformId: '5551', senderName: 'Hoa', receivedAt: received[i]!, rawText: `Tin ${p.code}`, attachments: '[]', state: 'accepted',
        })),
      }),
      db.item.createMany({
        data: picked.map((p, i) => ({
          id: p.itemId, code: p.code, siteId: p.siteId, kind: p.kind, category: p.category, state: 'published', publishedAt: p.publishedAt,
          originatorId: person!.id, submissionId: `bench-sub-${p.itemId}`, createdAt: received[i]!, updatedAt: p.publishedAt,
        })),
      }),
    ]);
  } finally {
    await db.$disconnect();
  }
}

/** The demo's sample province with `plan.sites` sites; returns them, the province first. */
async function province(deps: Deps, plan: SeedPlan): Promise<DemoSiteRef[]> {
  // Made the day before the year begins: a site made after a period closed is not in that period's report.
  const made = await fillDemo({ ...deps, clock: () => new Date(plan.from.getTime() - 86_400_000) }, { items: 1, sites: plan.sites, seed: SEED });
  if (!made.ok) throw new Error(`demo: ${made.reason}`);
  const sites = await deps.store.sites();
  return sites.map((s) => ({ id: s.id, nameVi: s.nameVi, nameEn: s.nameEn }));
}

export async function seedPublications(deps: Deps, url: string, plan: SeedPlan, progress: (line: string) => void): Promise<void> {
  const refs = await province(deps, plan);
  const now = deps.clock();
  for (let start = 0; start < plan.items; start += BATCH) {
    if (start === BATCH) await deps.store.keepPlannerStatistics();
    const rows = [];
    for (let i = start; i < Math.min(plan.items, start + BATCH); i += 1) {
      const item = demoItem(SEED, i, refs, demoTime(i, plan.items, plan.from, plan.to, SEED), now);
      // The body's first paragraph only: the report reads no text, and the search index would take most of the fill.
      rows.push({ ...item, body: item.body.split('\n\n')[0]!, mediaRefs: [], takenDownAt: item.takenDown?.at ?? null, takedownNote: item.takenDown?.note ?? null, codeYear: yearIn(item.publishedAt, deps.timeZone) });
    }
    const audit = { at: now, actorId: null, action: 'portal.demo', subjectType: 'site', subjectId: refs[0]!.id, data: { seed: SEED, batch: start / BATCH + 1 } };
    await addSubmissions(url, await deps.store.appendPublications(rows, audit));
    if ((start / BATCH) % 20 === 19) {
      progress(`… ${(start + rows.length).toLocaleString('en')} items`);
      // As the service's hourly job would during the months an archive grows (the demo's one item left statistics of one row).
      await deps.store.keepPlannerStatistics();
    }
  }
  await deps.store.refreshPlannerStatistics();
}

/**
 * A year of hourly page views read at the province's host: the home page, sections, sites' pages and articles of every
 * site, `pagesPerHour` rows an hour, and each day's sketch of its readers, written a day at a time by `addPageViews`.
 */
export async function seedPageViews(deps: Deps, url: string, plan: SeedPlan, progress: (line: string) => void): Promise<void> {
  const db = openClient(url);
  const sites = await deps.store.sites();
  const host = sites[0]!.key;
  const articles = await deps.store.publications({ lang: 'vi', limit: plan.pagesPerHour });
  const sections = (await deps.store.categories()).map((c) => c.key).slice(0, 5);
  const pages = [
    { kind: 'home' as const, ref: '' },
    ...sections.map((ref) => ({ kind: 'section' as const, ref })),
    ...sites.slice(1, 6).map((s) => ({ kind: 'site' as const, ref: s.key })),
    ...articles.map((a) => ({ kind: 'article' as const, ref: a.code })),
  ]
    .slice(0, plan.pagesPerHour)
    // Filed as the counter files a page read at the province's host: a site's own page and article under that site.
    .map((p) => ({ ...p, owner: ownerOfView(p, sites) ?? host }));
  const rnd = random(SEED);
  for (let day = addDays(plan.fromDay, -1), n = 0; day <= plan.toDay; day = addDays(day, 1), n += 1) {
    const views = [];
    for (let h = 0; h < 24; h += 1) {
      const hour = `${day}T${String(h).padStart(2, '0')}`;
      for (const p of pages) views.push({ hour, siteKey: p.owner, kind: p.kind, ref: p.ref, views: 1 + Math.floor(rnd() * 40) });
    }
    const registers = new Uint8Array(SKETCH_BYTES);
    for (const i of randomBytes(2000)) registers[(i * 16 + Math.floor(rnd() * 16)) % SKETCH_BYTES] = 1 + Math.floor(rnd() * 3);
    // The day's hour rows as the counter's flush upserts them (src/store/analyticsStore.ts), in one multi-row
    // INSERT: upserting 350,000 rows one by one took most of the fill; the day's sketch goes the store's way.
    await db.pageViewHour.createMany({ data: views });
    await deps.store.addPageViews([], [{ day, siteKey: host, registers }], []);
    if (n % 60 === 59) progress(`… ${n + 1} days of page views`);
  }
  await db.$disconnect();
}
