import { draftsPath } from '../core/consultations/paths.js';
import { isLang, LANGS } from '../core/messages.js';
import { ticketRouteOf } from '../core/tickets/portalPaths.js';
import { InteractionQuerySchema, ItemQuerySchema, TicketReportQuerySchema } from './api/schemas.js';
import type { ReadsOf } from './portal/cacheKey.js';
import { portalReads } from './portal/routes.js';

/** The API reads the parameters its schemas name; the rest are stripped by the schema and so left out of the key. */
const API_READS: Readonly<Record<string, readonly string[]>> = {
  '/api/v1/items': Object.keys(ItemQuerySchema.shape),
  '/api/v1/interactions': Object.keys(InteractionQuerySchema.shape),
  '/api/v1/reports/tickets': Object.keys(TicketReportQuerySchema.shape),
};
const apiReads: ReadsOf = (pathname) => (pathname.startsWith('/api/') ? (API_READS[pathname] ?? []) : null);

const ticketReads: ReadsOf = (pathname) => {
  const [, lang, ...rest] = pathname.split('/');
  if (lang === undefined || !isLang(lang)) return null;
  const route = ticketRouteOf(lang, rest);
  if (!route) return null;
  // The list's filters; a status link's key (a private page, never kept, but read all the same).
  return route.kind === 'list' ? ['q', 'linh-vuc', 'don-vi', 'tiep'] : route.kind === 'status' || route.kind === 'sent' ? ['k'] : [];
};

/** Drafts are drawn from their path alone. */
const draftPrefixes = LANGS.map(draftsPath);
const draftReads: ReadsOf = (pathname) => (draftPrefixes.some((p) => pathname === p || pathname.startsWith(`${p}/`)) ? [] : null);

/** Every cached route's reads, in the order the public web mounts them (src/http/web.ts). */
export const PAGE_KEY_RULES: readonly ReadsOf[] = [apiReads, ticketReads, draftReads, portalReads];
