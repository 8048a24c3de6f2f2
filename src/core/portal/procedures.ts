/**
 * A site's administrative procedures (Điều 13.1): named links to the public-service portal, which serves the
 * procedures themselves. Only the name and the address are kept here; nothing the public-service system serves is
 * copied. The links are stored on the site as JSON (a few dozen per site, read with the page's frame).
 */
import { cleanText, NAME_MAX } from '../names.js';
import { ok, refuse, type Outcome } from '../result.js';

export interface ProcedureLink {
  nameVi: string;
  nameEn: string;
  url: string;
}

/** Links per site: a district's list of procedures runs to a few hundred at most. */
export const PROCEDURES_MAX = 300;
const URL_MAX = 2000;

export type ProcedureRefusal = 'proc_name_required' | 'proc_bad_url' | 'proc_host_not_allowed' | 'proc_too_many' | 'proc_exists' | 'proc_unknown';

const isLink = (v: unknown): v is ProcedureLink =>
  typeof v === 'object' && v !== null && typeof (v as ProcedureLink).nameVi === 'string' && typeof (v as ProcedureLink).nameEn === 'string' && typeof (v as ProcedureLink).url === 'string';

/** The links a site's stored column holds, in their order; none for a site without any. */
export function proceduresOf(stored: string | null | undefined): ProcedureLink[] {
  if (!stored) return [];
  const parsed: unknown = JSON.parse(stored);
  if (!Array.isArray(parsed) || !parsed.every(isLink)) throw new Error('a site holds procedure links of an unknown shape');
  return parsed;
}

/** Whether `host` is one of the public-service portal's names (or a name under one). */
const allowedHost = (host: string, hosts: readonly string[]) => hosts.some((h) => host === h || host.endsWith(`.${h}`));

/**
 * A link as typed by the operator, checked: a Vietnamese name (the English one defaults to it), an http(s) address
 * without credentials on one of the public-service portal's hosts (PUBLIC_SERVICE_HOSTS), not already on the list.
 */
export function checkProcedure(input: { nameVi: string; nameEn?: string; url: string }, hosts: readonly string[], current: readonly ProcedureLink[]): Outcome<ProcedureLink, ProcedureRefusal> {
  // A procedure's official name runs longer than a person's: twice the name limit, held to the same rules.
  const nameVi = cleanText(input.nameVi, NAME_MAX * 2);
  const nameEn = input.nameEn === undefined ? nameVi : cleanText(input.nameEn, NAME_MAX * 2);
  if (nameVi === null || nameEn === null) return refuse('proc_name_required', { max: String(NAME_MAX * 2) });
  let url: URL;
  try {
    url = new URL(input.url.trim());
  } catch {
    return refuse('proc_bad_url', { url: input.url });
  }
  if (!['https:', 'http:'].includes(url.protocol) || url.username !== '' || url.password !== '' || url.href.length > URL_MAX) return refuse('proc_bad_url', { url: input.url });
  if (!allowedHost(url.hostname, hosts)) return refuse('proc_host_not_allowed', { host: url.hostname, hosts: hosts.join(', ') });
  if (current.some((l) => l.url === url.href)) return refuse('proc_exists', { url: url.href });
  if (current.length >= PROCEDURES_MAX) return refuse('proc_too_many', { max: String(PROCEDURES_MAX) });
  return ok({ nameVi, nameEn, url: url.href });
}

interface HasProcedures {
  id: string;
  procedures?: string | null;
}

/** The sites whose links a page lists: the site at its own host; at the province's host, every site, the province first. */
export function procedureSites<S extends HasProcedures>(frame: { province: S; site: S; sites: readonly S[] }, hosted: boolean): S[] {
  return hosted ? [frame.site] : [frame.province, ...frame.sites.filter((s) => s.id !== frame.province.id)];
}

/** Whether a page links to the page of procedures: only once a site it lists has one (an emptied list is stored as null). */
export const hasProcedures = (frame: { province: HasProcedures; site: HasProcedures; sites: readonly HasProcedures[] }, hosted: boolean): boolean =>
  procedureSites(frame, hosted).some((s) => Boolean(s.procedures));
