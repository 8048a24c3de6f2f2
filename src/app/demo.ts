import { DEMO_MAX_ITEMS, DEMO_YEARS, demoItem, demoTime, type DemoSiteRef } from '../core/demo.js';
import { DEMO_CATEGORIES, DEMO_PEOPLE, DEMO_PROVINCE, DEMO_SITE_NAMES } from '../core/demoVocabulary.js';
import { ok, refuse, type Outcome } from '../core/result.js';
import type { BulkPublication, DemoCensus } from './demoPorts.js';
import { yearIn, type Deps } from './deps.js';
import { createSite, grant, OPERATOR, registerPerson } from './people.js';
import { putCategory } from './portalAdmin.js';
import type { SiteRecord } from './ports.js';

/**
 * `portal-hub demo`: a sample province archive for a first look and for the growth bench. Sites and
 * sections go through the same use cases as the operator's commands; the items go through the
 * store's bulk path, a batch per transaction, each batch vouched for by one audit row.
 */

export const DEMO_MAX_SITES = DEMO_SITE_NAMES.length;
/**
 * Rows per transaction: big enough that per-transaction costs vanish, small enough to hold the write
 * lock well under a second. On SQLite a service process waiting for that lock waits without serving
 * (the driver's busy wait is synchronous): 5,000-row batches froze other processes for up to 7.7 s
 * and moved the desk lease.
 */
export const DEMO_BATCH = 1000;

export interface DemoRequest {
  items: number;
  sites: number;
  seed: number;
  /** `--more`: add to an archive an earlier run filled (without it, a second run is refused). */
  more?: boolean;
  /** Asked before each batch: true stops the run there (Ctrl-C), with what was written kept. */
  stop?: () => boolean;
}

export interface DemoReport {
  province: SiteRecord;
  sites: number;
  written: number;
  featured: number;
  takenDown: number;
  firstCode: string;
  lastCode: string;
  total: number;
  /** Stopped at a batch boundary before `items` were written (`written` says how many were). */
  stopped: boolean;
  /** Sample people made by this run (none when an earlier run made them). */
  people: number;
}

export type DemoRefusal = 'demo_items_range' | 'demo_sites_range' | 'demo_site_clash' | 'demo_person_clash' | 'demo_not_empty' | 'demo_already_filled';

/**
 * The demo's own row naming a site or person it just made, so a later run knows the database holds
 * nothing else. It records no change of its own (the site or person has its own audit row).
 */
async function markMade(deps: Deps, kind: 'site' | 'person', id: string, name: string): Promise<void> {
  const at = deps.clock();
  if (kind === 'site') await deps.store.recordAudit([{ at, actorId: null, action: 'portal.demo', subjectType: 'site', subjectId: id, data: { made: 'site', name } }]);
  else await deps.store.recordAudit([{ at, actorId: null, action: 'portal.demo', subjectType: 'person', subjectId: id, data: { made: 'person', name } }]);
}

/**
 * Demo writes only into a data folder that holds nothing but earlier sample runs: sample items cannot
 * be corrected or taken down by the desk, and would mix with a real province's. What it did not make
 * (a person, a desk item or submission, a site, a publication) refuses it; an earlier sample run
 * refuses it too unless `--more` asks to add to it.
 */
function guard(census: DemoCensus, more: boolean): Outcome<null, 'demo_not_empty' | 'demo_already_filled'> {
  const sites = new Set(census.made.siteIds);
  const people = new Set(census.made.personIds);
  const foreign = {
    sites: census.siteIds.filter((id) => !sites.has(id)).length,
    people: census.personIds.filter((id) => !people.has(id)).length,
    items: census.items + census.submissions + Math.max(0, census.publications - census.made.publications),
  };
  if (foreign.sites + foreign.people + foreign.items > 0) {
    return refuse('demo_not_empty', { sites: String(foreign.sites), people: String(foreign.people), items: String(foreign.items) });
  }
  const sampled = census.siteIds.length + census.personIds.length + census.publications > 0;
  if (sampled && !more) return refuse('demo_already_filled', { total: String(census.publications) });
  return ok(null);
}

/** Whether demo may write into this database (see guard); fillDemo asks again itself. */
export async function mayFillDemo(deps: Deps, more: boolean): Promise<Outcome<null, 'demo_not_empty' | 'demo_already_filled'>> {
  return guard(await deps.store.demoCensus(), more);
}

async function ensureSites(deps: Deps, count: number): Promise<Outcome<SiteRecord[], 'demo_site_clash'>> {
  const existing = await deps.store.sites();
  let province = existing.find((s) => s.kind === 'province') ?? existing[0];
  if (!province) {
    const made = await createSite(deps, { key: DEMO_PROVINCE.key, kind: DEMO_PROVINCE.kind, nameVi: DEMO_PROVINCE.nameVi, nameEn: DEMO_PROVINCE.nameEn, codePrefix: DEMO_PROVINCE.prefix, domain: null });
    if (!made.ok) return refuse('demo_site_clash', { site: DEMO_PROVINCE.key, reason: made.reason });
    province = made.value;
    await markMade(deps, 'site', province.id, province.key);
  }
  const sites = [province];
  const prefixes = new Set(existing.map((s) => s.codePrefix));
  let district: SiteRecord | null = null;
  for (const spec of DEMO_SITE_NAMES.slice(0, count)) {
    let site = await deps.store.siteByKey(spec.key);
    if (!site) {
      // A real site may already use the prefix: the sample one takes the first free variant.
      const prefix = [spec.prefix, ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((l) => `${spec.prefix}${l}`)].find((p) => !prefixes.has(p)) ?? spec.prefix;
      const parentKey = spec.kind === 'commune' && district ? district.key : province.key;
      const made = await createSite(deps, { key: spec.key, kind: spec.kind, nameVi: spec.nameVi, nameEn: spec.nameEn, codePrefix: prefix, parentKey, domain: null });
      if (!made.ok) return refuse('demo_site_clash', { site: spec.key, reason: made.reason });
      prefixes.add(prefix);
      site = made.value;
      await markMade(deps, 'site', site.id, site.key);
    }
    if (spec.kind === 'district') district = site;
    sites.push(site);
  }
  return ok(sites);
}

/** The province's sample desk (DEMO_PEOPLE) with their roles; people an earlier run made are kept as they are. */
async function ensurePeople(deps: Deps, province: SiteRecord): Promise<Outcome<number, 'demo_person_clash'>> {
  let made = 0;
  for (const spec of DEMO_PEOPLE) {
    if ((await deps.store.peopleByEmail(spec.email)).length > 0) continue;
    const person = await registerPerson(deps, { displayName: spec.displayName, email: spec.email }, OPERATOR);
    if (!person.ok) return refuse('demo_person_clash', { person: spec.email, reason: person.reason });
    await markMade(deps, 'person', person.value.id, spec.email);
    made += 1;
    const granted = await grant(deps, OPERATOR, { personId: person.value.id, siteKey: province.key, role: spec.role });
    if (!granted.ok) return refuse('demo_person_clash', { person: spec.email, reason: granted.reason });
  }
  return ok(made);
}

/** Sections the archive lacks; the operator's own names and order of existing ones are kept. */
async function ensureCategories(deps: Deps): Promise<void> {
  const have = new Set((await deps.store.categories()).map((c) => c.key));
  for (const [i, c] of DEMO_CATEGORIES.entries()) {
    if (have.has(c.key)) continue;
    const r = await putCategory(deps, { key: c.key, nameVi: c.nameVi, nameEn: c.nameEn, position: i + 1 });
    if (!r.ok) throw new Error(`sample section refused: ${r.reason}`);
  }
}

export async function fillDemo(deps: Deps, request: DemoRequest, progress: (done: number, total: number) => void = () => undefined): Promise<Outcome<DemoReport, DemoRefusal>> {
  if (!Number.isInteger(request.items) || request.items < 1 || request.items > DEMO_MAX_ITEMS) return refuse('demo_items_range', { max: String(DEMO_MAX_ITEMS), given: String(request.items) });
  if (!Number.isInteger(request.sites) || request.sites < 0 || request.sites > DEMO_MAX_SITES) return refuse('demo_sites_range', { max: String(DEMO_MAX_SITES), given: String(request.sites) });
  const allowed = await mayFillDemo(deps, request.more === true);
  if (!allowed.ok) return allowed;
  const sites = await ensureSites(deps, request.sites);
  if (!sites.ok) return sites;
  const people = await ensurePeople(deps, sites.value[0]!);
  if (!people.ok) return people;
  await ensureCategories(deps);
  const refs: DemoSiteRef[] = sites.value.map((s) => ({ id: s.id, nameVi: s.nameVi, nameEn: s.nameEn }));
  // A second run goes on from where the archive stands: new items, never the first run's again.
  const offset = await deps.store.publicationTotal();
  const now = deps.clock();
  const to = new Date(now.getTime() - 3_600_000);
  const from = new Date(Date.UTC(to.getUTCFullYear() - DEMO_YEARS, to.getUTCMonth(), to.getUTCDate()));
  let featured = 0;
  let forced = 0;
  let takenDown = 0;
  let firstCode = '';
  let lastCode = '';
  let written = 0;
  for (let start = 0; start < request.items; start += DEMO_BATCH) {
    // A turn of the event loop between batches: with SQLite's synchronous driver every await may settle
    // without one, and a signal (Ctrl-C) is only seen in one.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (request.stop?.()) break;
    const rows: BulkPublication[] = [];
    for (let i = start; i < Math.min(request.items, start + DEMO_BATCH); i += 1) {
      const item = demoItem(request.seed, offset + i, refs, demoTime(i, request.items, from, to, request.seed + offset), now);
      // The newest few of the province in Vietnamese lead its home page, whatever the dice said.
      if (!item.takenDown && item.siteId === refs[0]!.id && item.lang === 'vi' && i >= request.items - 200 && forced < 3) {
        item.featured = true;
        forced += 1;
      }
      if (item.featured && !item.takenDown) featured += 1;
      if (item.takenDown) takenDown += 1;
      rows.push({ ...item, mediaRefs: [], takenDownAt: item.takenDown?.at ?? null, takedownNote: item.takenDown?.note ?? null, codeYear: yearIn(item.publishedAt, deps.timeZone) });
    }
    const audit = { at: deps.clock(), actorId: null, action: 'portal.demo', subjectType: 'site', subjectId: sites.value[0]!.id, data: { seed: request.seed, batch: start / DEMO_BATCH + 1, of: Math.ceil(request.items / DEMO_BATCH) } };
    const codes = await deps.store.appendPublications(rows, audit);
    firstCode ||= codes[0] ?? '';
    lastCode = codes[codes.length - 1] ?? lastCode;
    written = start + rows.length;
    progress(written, request.items);
  }
  const stopped = written < request.items;
  // A stopped run ends at once; the top-up run (`--more`) refreshes the statistics.
  if (!stopped) await deps.store.refreshPlannerStatistics();
  return ok({ province: sites.value[0]!, sites: sites.value.length, written, featured, takenDown, firstCode, lastCode, total: offset + written, stopped, people: people.value });
}
