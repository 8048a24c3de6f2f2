/**
 * A site's administrative procedures (Điều 13.1), kept by the operator: links to the public-service portal, shown on
 * the site's own page of procedures. Each change is audited as `site.procedures`, which redraws the portal's pages.
 */
import { checkProcedure, proceduresOf, type ProcedureLink, type ProcedureRefusal } from '../core/portal/procedures.js';
import { ok, refuse, type Outcome } from '../core/result.js';
import type { Deps } from './deps.js';
import type { SiteRecord } from './ports.js';

/** Tries when another change of the same list came between the read and the write. */
const TRIES = 5;

type Change = (current: ProcedureLink[]) => Outcome<ProcedureLink[], ProcedureRefusal>;

async function changeList(deps: Deps, siteKey: string, change: Change, audit: Record<string, string>): Promise<Outcome<{ site: SiteRecord; list: ProcedureLink[] }, ProcedureRefusal | 'unknown_site' | 'proc_busy'>> {
  for (let i = 0; i < TRIES; i += 1) {
    const site = await deps.store.siteByKey(siteKey.trim().toLowerCase());
    if (!site) return refuse('unknown_site', { site: siteKey });
    const stored = site.procedures ?? null;
    const next = change(proceduresOf(stored));
    if (!next.ok) return next;
    const written = next.value.length === 0 ? null : JSON.stringify(next.value);
    const at = deps.clock();
    if (await deps.store.setSiteProcedures(site.id, stored, written, { at, actorId: null, action: 'site.procedures', subjectType: 'site', subjectId: site.id, data: { ...audit, count: next.value.length } })) return ok({ site, list: next.value });
  }
  return refuse('proc_busy');
}

export function addProcedure(deps: Deps, siteKey: string, input: { nameVi: string; nameEn?: string; url: string }, hosts: readonly string[]) {
  return changeList(
    deps,
    siteKey,
    (current) => {
      const link = checkProcedure(input, hosts, current);
      return link.ok ? ok([...current, link.value]) : link;
    },
    { added: input.url.trim() },
  );
}

export function removeProcedure(deps: Deps, siteKey: string, url: string) {
  return changeList(
    deps,
    siteKey,
    (current) => {
      const kept = current.filter((l) => l.url !== url.trim() && l.url !== safeHref(url));
      return kept.length === current.length ? refuse('proc_unknown', { url }) : ok(kept);
    },
    { removed: url.trim() },
  );
}

/** The address as stored (URL-normalised), so `remove` finds what `add` kept whichever way it is typed. */
function safeHref(url: string): string | null {
  try {
    return new URL(url.trim()).href;
  } catch {
    return null;
  }
}
