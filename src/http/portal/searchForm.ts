import { html } from 'hono/html';
import { message, type Lang } from '../../core/messages.js';
import { searchPath } from '../../core/portal/paths.js';
import { MAX_TERMS, queryText, type SearchTerm } from '../../core/searchQuery.js';
import type { Frame } from '../../app/portal.js';
import { siteName, type Html } from './layout.js';
import type { SearchRequest } from './searchParams.js';

/** An option of a filter's list, chosen when it is the filter the page was asked with. */
const option = (value: string, label: string, chosen: string | undefined) =>
  value === chosen ? html`<option value="${value}" selected>${label}</option>` : html`<option value="${value}">${label}</option>`;

/**
 * The search page's own form: what was asked, shown back (words, section, site, dates), so a reader
 * narrows a search without typing it again. Filters the page did not understand are not shown back.
 */
export function searchForm(frame: Frame, lang: Lang, asked: SearchRequest): Html {
  const k = asked.kept;
  const any = message(lang, 'portal_search_any');
  return html`<form class="refine" role="search" action="${searchPath(lang)}" method="get">
<p><label for="sq">${message(lang, 'portal_search_label')}</label> <input id="sq" name="q" type="search" maxlength="200" value="${asked.q}"></p>
<p><label for="smuc">${message(lang, 'portal_search_section')}</label> <select id="smuc" name="muc">${option('', any, k.muc ?? '')}${frame.categories.map((c) => option(c.key, lang === 'vi' ? c.nameVi : c.nameEn, k.muc))}</select></p>
${frame.sites.length > 1 ? html`<p><label for="sdv">${message(lang, 'portal_search_site')}</label> <select id="sdv" name="don-vi">${option('', any, k['don-vi'] ?? '')}${frame.sites.map((s) => option(s.key, siteName(s, lang), k['don-vi']))}</select></p>` : ''}
<p><label for="stu">${message(lang, 'portal_search_from')}</label> <input id="stu" name="tu" type="date" value="${k.tu ?? ''}"> <label for="sden">${message(lang, 'portal_search_to')}</label> <input id="sden" name="den" type="date" value="${k.den ?? ''}"></p>
<p><button type="submit">${message(lang, 'portal_search')}</button></p>
</form>`;
}

/** Words past what one search takes, named (never dropped silently). */
export const leftOutNote = (lang: Lang, leftOut: SearchTerm[]): Html =>
  leftOut.length ? html`<p role="note">${message(lang, 'portal_search_left_out', { n: String(MAX_TERMS), words: queryText(leftOut) })}</p>` : html``;
