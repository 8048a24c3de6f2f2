import { DEMO_MAX_ITEMS, DEMO_YEARS, demoItem, demoTime, type DemoSiteRef } from '../core/demo.js';
import { DEMO_CATEGORIES, DEMO_PROVINCE, DEMO_SITE_NAMES } from '../core/demoVocabulary.js';
import { ok, refuse, type Outcome } from '../core/result.js';
import type { BulkPublication } from './demoPorts.js';
import type { Deps } from './deps.js';
import { createSite } from './people.js';
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
}

export type DemoRefusal = 'demo_items_range' | 'demo_sites_range' | 'demo_site_clash';

async function ensureSites(deps: Deps, count: number): Promise<Outcome<SiteRecord[], 'demo_site_clash'>> {
  const existing = await deps.store.sites();
  let province = existing.find((s) => s.kind === 'province') ?? existing[0];
  if (!province) {
    const made = await createSite(deps, { key: DEMO_PROVINCE.key, kind: DEMO_PROVINCE.kind, nameVi: DEMO_PROVINCE.nameVi, nameEn: DEMO_PROVINCE.nameEn, codePrefix: DEMO_PROVINCE.prefix, domain: null });
    if (!made.ok) return refuse('demo_site_clash', { site: DEMO_PROVINCE.key, reason: made.reason });
    province = made.value;
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
    }
    if (spec.kind === 'district') district = site;
    sites.push(site);
  }
  return ok(sites);
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
  const sites = await ensureSites(deps, request.sites);
  if (!sites.ok) return sites;
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
  for (let start = 0; start < request.items; start += DEMO_BATCH) {
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
      rows.push({ ...item, mediaRefs: [], takenDownAt: item.takenDown?.at ?? null, takedownNote: item.takenDown?.note ?? null });
    }
    const audit = { at: deps.clock(), actorId: null, action: 'portal.demo', subjectType: 'site', subjectId: sites.value[0]!.id, data: { seed: request.seed, batch: start / DEMO_BATCH + 1, of: Math.ceil(request.items / DEMO_BATCH) } };
    const codes = await deps.store.appendPublications(rows, audit);
    firstCode ||= codes[0] ?? '';
    lastCode = codes[codes.length - 1] ?? lastCode;
    progress(start + rows.length, request.items);
  }
  await deps.store.refreshPlannerStatistics();
  return ok({ province: sites.value[0]!, sites: sites.value.length, written: request.items, featured, takenDown, firstCode, lastCode, total: offset + request.items });
}
