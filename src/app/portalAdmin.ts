import { ok, refuse, type Outcome } from '../core/result.js';
import { formatLocal } from '../core/dates.js';
import { cleanText } from '../core/names.js';
import type { Deps } from './deps.js';
import type { MaintenanceRecord } from './portalPorts.js';
import type { SiteRecord } from './ports.js';

/** What an admin changes about the public portal itself. The operator at a terminal acts as nobody in particular. */

export async function putCategory(deps: Deps, input: { key: string; nameVi: string; nameEn: string; position?: number }): Promise<Outcome<void, 'bad_category_key' | 'empty_name'>> {
  if (!/^[a-z0-9-]{2,40}$/.test(input.key)) return refuse('bad_category_key', { key: input.key });
  if (input.nameVi.trim() === '' || input.nameEn.trim() === '') return refuse('empty_name');
  const category = { key: input.key, nameVi: input.nameVi.trim(), nameEn: input.nameEn.trim(), position: input.position ?? 0 };
  await deps.store.putCategory(category, { at: deps.clock(), actorId: null, action: 'portal.category', subjectType: 'category', subjectId: input.key, data: category });
  return ok(undefined);
}

export async function setFeatured(deps: Deps, code: string, featured: boolean): Promise<Outcome<void, 'not_published'>> {
  const upper = code.trim().toUpperCase();
  const audit = { at: deps.clock(), actorId: null, action: featured ? 'portal.feature' : 'portal.unfeature', subjectType: 'item', subjectId: upper, data: { code: upper } };
  return (await deps.store.setFeatured(upper, featured, audit)) ? ok(undefined) : refuse('not_published', { code: upper });
}

export type MaintenanceRefusal = 'restore_before_start' | 'notice_after_start' | 'restore_in_past';

/** The banner shows from `showFrom` (default: now) and names the start and the restore time. */
export async function scheduleMaintenance(
  deps: Deps,
  input: { showFrom?: Date; startsAt: Date; restoresAt: Date; noteVi?: string; noteEn?: string },
): Promise<Outcome<MaintenanceRecord, MaintenanceRefusal>> {
  const now = deps.clock();
  // A window already under way (announced late) shows its notice from its start; the rest from now.
  const showFrom = input.showFrom ?? (input.startsAt < now ? input.startsAt : now);
  const at = (d: Date) => formatLocal(d, deps.timeZone);
  if (input.restoresAt <= input.startsAt) return refuse('restore_before_start', { start: at(input.startsAt), restore: at(input.restoresAt) });
  // A window wholly past (a mistyped year, a day) is said as such, before any other check of its times.
  if (input.restoresAt <= now) return refuse('restore_in_past', { restore: at(input.restoresAt), now: at(now) });
  if (showFrom > input.startsAt) return refuse('notice_after_start', { notice: at(showFrom), start: at(input.startsAt) });
  const m = { showFrom, startsAt: input.startsAt, restoresAt: input.restoresAt, noteVi: input.noteVi?.trim() ?? '', noteEn: input.noteEn?.trim() ?? '' };
  const record = await deps.store.addMaintenance(m, { at: now, actorId: null, action: 'portal.maintenance', subjectType: 'maintenance', subjectId: '', data: { ...m } });
  return ok(record);
}

export async function cancelMaintenance(deps: Deps, id: string): Promise<Outcome<void, 'unknown_maintenance'>> {
  const now = deps.clock();
  const done = await deps.store.cancelMaintenance(id, now, { at: now, actorId: null, action: 'portal.maintenanceCancel', subjectType: 'maintenance', subjectId: id, data: {} });
  return done ? ok(undefined) : refuse('unknown_maintenance', { id });
}

/** A footer line at most: every page of the site prints it. */
const CONTACT_MAX = 300;

export async function setSiteContact(deps: Deps, siteKey: string, typed: Partial<Record<'responsible' | 'address' | 'phone' | 'email', string | null>>): Promise<Outcome<SiteRecord, 'unknown_site' | 'bad_contact'>> {
  const site = await deps.store.siteByKey(siteKey);
  if (!site) return refuse('unknown_site', { site: siteKey });
  // An empty value clears the line; any other is one line of readable text.
  const contact: Partial<Pick<SiteRecord, 'responsible' | 'address' | 'phone' | 'email'>> = {};
  for (const [field, value] of Object.entries(typed) as [keyof typeof typed, string | null | undefined][]) {
    if (value === undefined) continue;
    if (value === null || value.trim() === '') contact[field] = null;
    else {
      const line = cleanText(value, CONTACT_MAX);
      if (line === null) return refuse('bad_contact', { field: `--${field}`, max: String(CONTACT_MAX) });
      contact[field] = line;
    }
  }
  const updated = await deps.store.setSiteContact(site.id, contact, { at: deps.clock(), actorId: null, action: 'site.contact', subjectType: 'site', subjectId: site.id, data: { ...contact } });
  return ok(updated);
}
