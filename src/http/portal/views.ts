import { html } from 'hono/html';
import { formatLocal } from '../../core/dates.js';
import { message, type Lang } from '../../core/messages.js';
import { articlePath, categoryPath, feedPath, homePath, searchPath, siteMapPath, sitePath } from '../../core/portal/paths.js';
import { excerpt } from '../../core/portal/text.js';
import { siteBaseUrl } from '../../core/portal/hosts.js';
import type { SiteRecord } from '../../app/ports.js';
import type { ArticleView, Frame, HomeView, ListView, Mirror } from '../../app/portal.js';
import type { SearchView } from '../../app/search.js';
import type { SearchRequest } from './searchParams.js';
import { leftOutNote, searchForm } from './searchForm.js';
import type { CategoryRecord, PublicationRecord } from '../../app/portalPorts.js';
import { page, siteName, when, type Html, type PortalSettings } from './layout.js';
import { body, cards, leadImage, mediaBlock, mediaUrl, pagination } from './parts.js';

export interface View {
  frame: Frame;
  lang: Lang;
  s: PortalSettings;
  now: Date;
}

/** The platform's name; where one platform holds several parts of the item (a post and a video), the part too. */
function mirrorLabel(m: Mirror, all: Mirror[], s: PortalSettings): string {
  const name = s.mirrorLabels[m.platform] ?? m.platform;
  const first = all.find((x) => x.platform === m.platform);
  return first !== m ? `${name} (${m.part})` : name;
}

/** A component site's home: its own host when it has a domain, else its page under the province's address. */
const siteHref = (s: PortalSettings, site: SiteRecord, lang: Lang) =>
  site.domain ? `${siteBaseUrl(s.provinceUrl ?? s.baseUrl, site)}${homePath(lang)}` : `${s.provinceUrl ?? ''}${sitePath(lang, site.key)}`;

const categoryName = (c: CategoryRecord, lang: Lang) => (lang === 'vi' ? c.nameVi : c.nameEn);

export function homePage(v: View, home: HomeView, path: string): Html {
  const { frame, lang, s } = v;
  const name = siteName(frame.site, lang);
  const lead = home.featured.length > 0 ? home.featured : home.latest.slice(0, 1);
  const rest = home.latest.filter((p) => !lead.some((l) => l.itemId === p.itemId));
  // The province's home links to every component site (Điều 4 k7).
  const children = frame.site.id === frame.province.id ? frame.sites.filter((x) => x.id !== frame.province.id) : [];
  const main = html`<h1 class="visually-hidden">${name}</h1>
${lead.length ? html`<section class="lead" aria-labelledby="h-featured"><h2 id="h-featured">${message(lang, 'portal_featured')}</h2>${cards(lead, lang, s, 3, true)}</section>` : ''}
${rest.length || !lead.length ? html`<section aria-labelledby="h-latest"><h2 id="h-latest">${message(lang, 'portal_latest')}</h2>${cards(rest, lang, s, 3, false, true)}</section>` : ''}
${home.sections.map(
  (sec) => html`<section aria-labelledby="h-${sec.category.key}"><h2 id="h-${sec.category.key}"><a href="${categoryPath(lang, sec.category.key)}">${categoryName(sec.category, lang)}</a></h2>${cards(sec.items, lang, s)}</section>`,
)}
${children.length ? html`<section aria-labelledby="h-sites"><h2 id="h-sites">${message(lang, 'portal_sites')}</h2><ul class="sites">${children.map((c) => html`<li><a href="${siteHref(s, c, lang)}">${siteName(c, lang)}</a></li>`)}</ul></section>` : ''}`;
  const description = home.latest[0] ? excerpt(home.latest[0].title, 150) : name;
  return page(frame, lang, { title: name, description, path, feedPath: feedPath(path, 'rss'), jsonLd: { '@context': 'https://schema.org', '@type': 'GovernmentOrganization', name, url: `${s.baseUrl}${path}` } }, s, v.now, main);
}

export function listPage(v: View, heading: string, list: ListView, path: string, opts: { feed?: string; query?: Record<string, string>; intro?: Html } = {}): Html {
  const { frame, lang, s } = v;
  const main = html`<h1>${heading}</h1>${opts.intro ?? ''}${cards(list.items, lang, s, 2, list.page === 1, true)}${pagination(lang, path, list.page, list.pages, opts.query)}`;
  const pagePath = list.page > 1 ? `${path}?trang=${list.page}` : path;
  return page(frame, lang, { title: heading, description: heading, path: pagePath, feedPath: opts.feed }, s, v.now, main);
}

export function searchPage(v: View, asked: SearchRequest, found: SearchView | null | 'busy'): Html {
  const { frame, lang, s } = v;
  const path = searchPath(lang);
  const heading = message(lang, 'portal_search');
  const query = asked.q;
  const intro =
    found === 'busy'
      ? html`<p role="alert">${message(lang, 'portal_search_busy')}</p>`
      : found
        ? html`<p role="status">${message(lang, found.capped ? 'portal_search_results_capped' : 'portal_search_results', { count: String(found.total), q: query })}</p>`
        : html`<p>${message(lang, 'portal_search_prompt')}</p>`;
  const results = found && found !== 'busy' ? html`${leftOutNote(lang, found.leftOut)}${found.items.length ? cards(found.items, lang, s, 2) : ''}${pagination(lang, path, found.page, found.pages, asked.kept)}` : '';
  const help = html`<p class="search-help">${message(lang, 'portal_search_help')}</p>`;
  return page(frame, lang, { title: query ? `${heading}: ${query}` : heading, description: heading, path, noindex: true }, s, v.now, html`<h1>${heading}</h1>${searchForm(frame, lang, asked)}${intro}${results}${help}`);
}

function shareLinks(url: string, title: string, lang: Lang): Html {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return html`<section class="share" aria-labelledby="h-share"><h2 id="h-share">${message(lang, 'portal_share')}</h2><ul>
<li><a href="https://www.facebook.com/sharer/sharer.php?u=${u}" rel="noopener">Facebook</a></li>
<li><a href="https://twitter.com/intent/tweet?url=${u}&amp;text=${t}" rel="noopener">X</a></li>
<li><a href="mailto:?subject=${t}&amp;body=${u}">${message(lang, 'portal_share_email')}</a></li>
</ul></section>`;
}

function newsArticleLd(p: PublicationRecord, url: string, publisher: string, s: PortalSettings): object {
  const image = leadImage(p);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: p.title,
    description: excerpt(p.summary || p.body, 200),
    inLanguage: p.lang,
    datePublished: p.publishedAt.toISOString(),
    dateModified: p.updatedAt.toISOString(),
    mainEntityOfPage: url,
    url,
    identifier: p.code,
    ...(image ? { image: [`${s.baseUrl}${mediaUrl(image.ref)}`] } : {}),
    author: p.author ? [{ '@type': 'Person', name: p.author }] : [{ '@type': 'Organization', name: publisher }],
    publisher: { '@type': 'GovernmentOrganization', name: publisher, logo: { '@type': 'ImageObject', url: `${s.baseUrl}${s.emblem}` } },
  };
}

/** `talk`: the rating, comments and form under the article (interactionViews.ts). */
/** `record`: a document's metadata table and file (documents.ts), drawn under the body. */
export function articlePage(v: View, view: Extract<ArticleView, { state: 'live' }>, talk: Html = html``, record: Html = html``): Html {
  const { frame, lang, s } = v;
  const p = view.publication;
  const path = articlePath(lang, p.code);
  // A component site's article lives at its own host, wherever it is read.
  const canonicalBase = siteBaseUrl(s.provinceUrl ?? s.baseUrl, view.site.id === frame.province.id ? null : view.site);
  const url = `${canonicalBase}${path}`;
  const source = siteName(view.site, lang);
  const image = leadImage(p);
  const corrected = p.updatedAt.getTime() !== p.publishedAt.getTime();
  const main = html`<article class="article" lang="${p.lang}">
${view.category ? html`<p class="crumbs" lang="${lang}"><a href="${categoryPath(lang, view.category.key)}">${categoryName(view.category, lang)}</a></p>` : ''}
${p.sponsor ? html`<p class="sponsored" lang="${lang}">${message(lang, 'portal_sponsored_by', { partner: p.sponsor })}</p>` : ''}<h1>${p.title}</h1>
<p class="meta" lang="${lang}">${message(lang, 'portal_published')} ${when(p.publishedAt, s)}${corrected ? html` · <span class="updated">${message(lang, 'portal_updated')} ${when(p.updatedAt, s)}</span>` : ''} · ${message(lang, 'portal_code')} ${p.code}</p>
${p.lang !== lang ? html`<p class="note" lang="${lang}">${message(lang, 'portal_content_lang')}</p>` : ''}
${p.summary ? html`<p class="summary">${p.summary}</p>` : ''}
${mediaBlock(p, lang)}
<div class="body">${body(p.body)}</div>
${record}
<p class="byline" lang="${lang}">${p.author ? html`${message(lang, 'portal_author', { name: p.author })} · ` : ''}${message(lang, 'portal_source', { site: source })}</p>
<p class="cite" lang="${lang}">${message(lang, 'portal_cite', { site: source, url })}</p>
</article>
${view.mirrors.length ? html`<p class="mirrors">${message(lang, 'portal_mirrors')} ${view.mirrors.map((m, i) => html`${i > 0 ? ', ' : ''}<a href="${m.url}" rel="noopener">${mirrorLabel(m, view.mirrors, s)}</a>`)}</p>` : ''}
${shareLinks(url, p.title, lang)}
${talk}
${view.related.length ? html`<section aria-labelledby="h-related"><h2 id="h-related">${message(lang, 'portal_related')}</h2>${cards(view.related, lang, s)}</section>` : ''}`;
  const head = html`<meta property="article:published_time" content="${p.publishedAt.toISOString()}"><meta property="article:modified_time" content="${p.updatedAt.toISOString()}">`;
  const description = excerpt(p.summary || p.body || p.title, 200);
  return page(
    frame,
    lang,
    { title: p.title, description, path, canonicalBase, og: { type: 'article', ...(image ? { image: `${s.baseUrl}${mediaUrl(image.ref)}` } : {}) }, jsonLd: newsArticleLd(p, url, siteName(frame.province, lang), s), head },
    s,
    v.now,
    main,
  );
}

export function gonePage(v: View, p: PublicationRecord): Html {
  const { frame, lang, s } = v;
  const heading = message(lang, 'portal_gone_title');
  const main = html`<h1>${heading}</h1><p>${message(lang, 'portal_gone_text', { code: p.code, at: formatLocal(p.takenDownAt ?? v.now, s.timeZone) })}</p>
${p.takedownNote ? html`<p>${message(lang, 'portal_gone_reason', { note: p.takedownNote })}</p>` : ''}
<p><a href="${homePath(lang)}">${message(lang, 'portal_home')}</a></p>`;
  return page(frame, lang, { title: heading, description: heading, path: articlePath(lang, p.code), noindex: true }, s, v.now, main);
}

export function notFoundPage(v: View, path: string): Html {
  const { frame, lang, s } = v;
  const heading = message(lang, 'portal_not_found_title');
  const main = html`<h1>${heading}</h1><p>${message(lang, 'portal_not_found_text')}</p><p><a href="${homePath(lang)}">${message(lang, 'portal_home')}</a> · <a href="${searchPath(lang)}">${message(lang, 'portal_search')}</a></p>`;
  return page(frame, lang, { title: heading, description: heading, path, noindex: true }, s, v.now, main);
}

/** The text site map (the XML one is /sitemap.xml). */
export function siteMapPage(v: View): Html {
  const { frame, lang, s } = v;
  const heading = message(lang, 'portal_site_map');
  const tree = (parentId: string): Html => {
    const children = frame.sites.filter((x) => x.parentId === parentId);
    return children.length ? html`<ul>${children.map((c) => html`<li><a href="${siteHref(s, c, lang)}">${siteName(c, lang)}</a>${tree(c.id)}</li>`)}</ul>` : html``;
  };
  const main = html`<h1>${heading}</h1><p>${message(lang, 'portal_site_map_text', { name: siteName(frame.province, lang) })}</p>
<h2>${message(lang, 'portal_categories')}</h2><ul>${frame.categories.map((c) => html`<li><a href="${categoryPath(lang, c.key)}">${categoryName(c, lang)}</a></li>`)}</ul>
<h2>${message(lang, 'portal_sites')}</h2><ul><li><a href="${s.provinceUrl ?? ''}${homePath(lang)}">${siteName(frame.province, lang)}</a>${tree(frame.province.id)}</li></ul>`;
  return page(frame, lang, { title: heading, description: heading, path: siteMapPath(lang) }, s, v.now, main);
}
