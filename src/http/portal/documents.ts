/**
 * The public document library (issue 20.4): `/vi/van-ban` and `/en/documents` at a site's own host (its documents
 * alone) and at the province's (every site's, with a site filter), and `GET /api/v1/documents`. Drawn on each
 * request, not kept by the page cache: the filters make too many addresses to keep, and each is a few indexed reads.
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { shownDay } from '../../core/dates.js';
import { DOCUMENT_TYPE_KEYS, DOCUMENT_TYPES } from '../../core/documents/record.js';
import { timelinessWording } from '../../core/documents/timeliness.js';
import { message, type Lang } from '../../core/messages.js';
import { articlePath, documentsPath } from '../../core/portal/paths.js';
import { siteBaseUrl } from '../../core/portal/hosts.js';
import { framesKept, type Frame } from '../../app/portal.js';
import { LIBRARY_PARAMS, libraryRequest, libraryView, type LibraryAsk, type LibraryEntry, type LibraryView } from '../../app/documents/library.js';
import type { DocumentRow } from '../../app/documents/ports.js';
import { SearchBusy } from '../../app/searchPorts.js';
import type { Deps } from '../../app/deps.js';
import type { SiteRecord } from '../../app/ports.js';
import type { WorkingCalendar } from '../../core/tickets/calendar.js';
import type { PageCache } from './cache.js';
import { page, siteName, type Html, type PortalSettings } from './layout.js';
import { mediaUrl } from './parts.js';

export { documentsPath };

export interface DocumentRoutesDeps {
  deps: Deps;
  settings: PortalSettings;
  cache: PageCache;
  hosted?: SiteRecord | null;
  calendar: () => Promise<WorkingCalendar>;
}

const typeName = (t: DocumentRow['docType'], lang: Lang) => DOCUMENT_TYPES[t][lang];

/** The article's metadata table: what the document is, and its file. */
export function documentMetaTable(lang: Lang, d: DocumentRow): Html {
  const row = (key: string, value: string | null) => (value ? html`<tr><th scope="row">${message(lang, key)}</th><td>${value}</td></tr>` : '');
  return html`<table class="document-meta"><caption>${message(lang, 'docs_title')}</caption>
${row('docs_number', d.number)}${row('docs_type', typeName(d.docType, lang))}${row('docs_agency', d.agency)}${row('docs_signer', d.signer)}${row('docs_field', d.field)}${row('docs_issued', shownDay(d.issuedOn))}${row('docs_effective', d.effectiveOn ? shownDay(d.effectiveOn) : null)}
</table>
<p class="document-file">${d.fileRef ? html`<a href="${mediaUrl(d.fileRef)}" download="${d.fileName ?? ''}">${message(lang, 'docs_file')}${d.fileName ? ` (${d.fileName})` : ''}</a>` : message(lang, 'docs_no_file')}</p>`;
}

/** "đúng hạn (đăng sau 1 ngày làm việc)" or "chậm 3 ngày làm việc (hạn 2 ngày làm việc)". */
export const timelinessText = (lang: Lang, e: LibraryEntry) => {
  const said = timelinessWording(e.timeliness);
  return message(lang, said.key, said.detail);
};

function filterForm(lang: Lang, frame: Frame, ask: LibraryAsk, hosted: boolean): Html {
  const input = (name: keyof LibraryAsk, label: string, type = 'text') => html`<p><label for="d-${name}">${message(lang, label)}</label> <input id="d-${name}" name="${name}" type="${type}" value="${ask[name] ?? ''}"></p>`;
  const sites = frame.sites;
  return html`<form class="document-filter" method="get" action="${documentsPath(lang)}" role="search">
${input('number', 'docs_number')}
<p><label for="d-type">${message(lang, 'docs_type')}</label> <select id="d-type" name="type"><option value="">${message(lang, 'docs_any')}</option>${DOCUMENT_TYPE_KEYS.map((k) => html`<option value="${k}"${ask.type === k ? ' selected' : ''}>${DOCUMENT_TYPES[k][lang]}</option>`)}</select></p>
${input('agency', 'docs_agency')}${input('signer', 'docs_signer')}${input('field', 'docs_field')}${input('year', 'docs_year', 'number')}${input('q', 'docs_q', 'search')}
${hosted ? '' : html`<p><label for="d-site">${message(lang, 'docs_site')}</label> <select id="d-site" name="site"><option value="">${message(lang, 'docs_any')}</option>${sites.map((x) => html`<option value="${x.key}"${ask.site === x.key ? ' selected' : ''}>${siteName(x, lang)}</option>`)}</select></p>`}
<p><button type="submit">${message(lang, 'docs_filter')}</button></p></form>`;
}

function libraryPage(lang: Lang, frame: Frame, s: PortalSettings, now: Date, ask: LibraryAsk, found: LibraryView | string, hosted: boolean): Html {
  const heading = message(lang, 'docs_title');
  const path = documentsPath(lang);
  const link = (n: number) => `${path}?${new URLSearchParams({ ...ask, page: String(n) }).toString()}`;
  const rows = (v: LibraryView) => html`<table class="documents"><caption>${message(lang, 'docs_count', { count: String(v.total), s: v.total === 1 ? '' : 's' })}</caption>
<thead><tr><th scope="col">${message(lang, 'docs_number')}</th><th scope="col">${message(lang, 'docs_excerpt')}</th><th scope="col">${message(lang, 'docs_type')}</th><th scope="col">${message(lang, 'docs_agency')}</th><th scope="col">${message(lang, 'docs_signer')}</th><th scope="col">${message(lang, 'docs_issued')}</th><th scope="col">${message(lang, 'docs_timeliness')}</th></tr></thead>
<tbody>${v.entries.map((e) => html`<tr><td><a href="${articlePath(lang, e.code)}">${e.number}</a></td><td lang="${e.lang}">${e.title}</td><td>${typeName(e.docType, lang)}</td><td>${e.agency}</td><td>${e.signer}</td><td>${shownDay(e.issuedOn)}</td><td>${timelinessText(lang, e)}</td></tr>`)}</tbody></table>
${v.pages > 1 ? html`<nav class="pages" aria-label="${message(lang, 'portal_pagination')}">${v.page > 1 ? html`<a rel="prev" href="${link(v.page - 1)}">${message(lang, 'portal_prev')}</a>` : ''} <span aria-current="page">${message(lang, 'portal_page_of', { n: String(v.page), total: String(v.pages) })}</span> ${v.page < v.pages ? html`<a rel="next" href="${link(v.page + 1)}">${message(lang, 'portal_next')}</a>` : ''}</nav>` : ''}`;
  const body = typeof found === 'string' ? html`<p role="alert">${found}</p>` : found.total === 0 ? html`<p role="status">${message(lang, 'docs_none')}</p>` : rows(found);
  const main = html`<h1>${heading}</h1><p>${message(lang, 'docs_intro', { site: siteName(frame.site, lang) })}</p>${filterForm(lang, frame, ask, hosted)}${body}`;
  return page(frame, lang, { title: heading, description: heading, path, otherLangPath: documentsPath(lang === 'vi' ? 'en' : 'vi'), noindex: Object.keys(ask).length > 0 }, s, now, main);
}

/** A live document as the API gives it: public metadata only, with its addresses and timeliness. */
function documentJson(e: LibraryEntry, sites: readonly SiteRecord[], baseUrl: string) {
  const site = sites.find((x) => x.id === e.siteId);
  const base = siteBaseUrl(baseUrl, site && site.parentId !== null ? site : null);
  return {
    code: e.code, url: `${base}${articlePath(e.lang === 'en' ? 'en' : 'vi', e.code)}`, site: site?.key ?? '', title: e.title,
    number: e.number, type: e.docType, agency: e.agency, signer: e.signer, field: e.field, issued: e.issuedOn, effective: e.effectiveOn,
    file: e.fileRef ? `${base}${mediaUrl(e.fileRef)}` : null, publishedAt: e.publishedAt.toISOString(),
    publishedAfterWorkingDays: e.timeliness.workingDays, deadlineWorkingDays: e.timeliness.deadline, onTime: e.timeliness.onTime,
  };
}

export function documentRoutes(env: DocumentRoutesDeps): Hono {
  const { deps, settings: s, cache } = env;
  const hosted = env.hosted ?? null;
  const frameFor = framesKept(deps, () => cache.everythingStamp);
  const app = new Hono();
  const get = (c: Context) => (name: string) => c.req.query(name);

  const library = async (c: Context, lang: Lang) => {
    // Not a kept page, so nothing else reads the trail for this request: a site changed since is seen now.
    await cache.generationNow();
    const frame = (await frameFor(hosted?.key ?? null)) ?? (await frameFor(null));
    if (!frame) return c.notFound();
    const asked = libraryRequest(get(c), frame.sites, hosted);
    const ask: LibraryAsk = Object.fromEntries(LIBRARY_PARAMS.flatMap((n) => (c.req.query(n) ? [[n, c.req.query(n) ?? '']] : [])));
    c.header('Cache-Control', 'no-store');
    if (!asked.ok) return c.html((await libraryPage(lang, frame, s, deps.clock(), ask, message(lang, 'docs_bad_filter', { param: asked.param }), hosted !== null)).toString(), 400);
    try {
      const found = await libraryView(deps, asked.value, env.calendar);
      return c.html((await libraryPage(lang, frame, s, deps.clock(), asked.value.ask, found, hosted !== null)).toString());
    } catch (error) {
      if (error instanceof SearchBusy) return c.html((await libraryPage(lang, frame, s, deps.clock(), ask, message(lang, 'portal_search_busy'), hosted !== null)).toString(), 503);
      throw error;
    }
  };
  app.get(documentsPath('vi'), (c) => library(c, 'vi'));
  app.get(documentsPath('en'), (c) => library(c, 'en'));

  app.get('/api/v1/documents', async (c) => {
    c.header('Cache-Control', 'no-store');
    const sites = await deps.store.sites();
    const asked = libraryRequest(get(c), sites, hosted);
    // Another site's list at a site's own host is not here, as /api/v1/items and /api/v1/stats answer.
    if (!asked.ok && asked.param === 'site' && hosted && sites.some((x) => x.key === c.req.query('site'))) return c.json({ error: 'not_found', message: `Trang “${c.req.query('site') ?? ''}” không ở địa chỉ này / Site “${c.req.query('site') ?? ''}” is not served at this address` }, 404);
    if (!asked.ok) return c.json({ error: 'bad_parameter', parameter: asked.param, message: `Tham số không hợp lệ: ${asked.param} / Parameter not valid: ${asked.param}` }, 400);
    try {
      const found = await libraryView(deps, asked.value, env.calendar);
      return c.json({ documents: found.entries.map((e) => documentJson(e, sites, s.provinceUrl ?? s.baseUrl)), total: found.total, page: found.page, pages: found.pages });
    } catch (error) {
      if (error instanceof SearchBusy) return c.json({ error: 'busy', message: 'Hệ thống tìm kiếm đang bận / Search is busy' }, 503);
      throw error;
    }
  });
  return app;
}
