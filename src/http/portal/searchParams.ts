import { endOfDay, localDateTime } from '../../core/dates.js';
import { withinServedRange } from '../../core/portal/cursor.js';
import type { Lang } from '../../core/messages.js';
import type { Frame } from '../../app/portal.js';
import type { SearchFilter } from '../../app/search.js';

/** The search page's address: `?q=…&muc=kinh-te&don-vi=huyen-a&tu=2026-01-01&den=31/12/2026&trang=2`. */
export interface SearchRequest {
  q: string;
  filter: SearchFilter;
  /** The filters that were understood, as the page links keep them (pagination). */
  kept: Record<string, string>;
}

/** A date as the form's date field shows it (yyyy-mm-dd), from either way the address may carry it. */
function isoDay(text: string): string {
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  return dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : text;
}

/** Filters that name nothing known, or dates that are not dates, are left out rather than refused. */
export function searchRequest(frame: Frame, lang: Lang, params: URLSearchParams, timeZone: string): SearchRequest {
  // Shown back on the page as typed, less what no one types: control and private-use characters (a NUL was echoed raw).
  const q = (params.get('q') ?? '').replace(/[\p{Cc}\p{Co}]/gu, ' ').trim().slice(0, 200);
  const filter: SearchFilter = { lang };
  const kept: Record<string, string> = { q };
  const section = frame.categories.find((c) => c.key === params.get('muc'));
  if (section) {
    filter.category = section.key;
    kept.muc = section.key;
  }
  const site = frame.sites.find((s) => s.key === params.get('don-vi'));
  if (site) {
    filter.siteIds = [site.id];
    kept['don-vi'] = site.key;
  }
  const fromText = params.get('tu')?.trim().slice(0, 20) ?? '';
  const from = fromText ? localDateTime(`${fromText} 00:00`, timeZone) : null;
  if (from && withinServedRange(from)) {
    filter.from = from;
    kept.tu = isoDay(fromText);
  }
  const toText = params.get('den')?.trim().slice(0, 20) ?? '';
  const to = toText ? endOfDay(toText, timeZone) : null;
  if (to && withinServedRange(to)) {
    filter.to = to;
    kept.den = isoDay(toText);
  }
  return { q, filter, kept };
}
