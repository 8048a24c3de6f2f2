import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { formatLocal } from '../../core/dates.js';
import { message, type Lang } from '../../core/messages.js';
import { categoryPath, documentsPath, proceduresPath, feedPath, homePath, interactionsPath, searchPath, siteDocumentsPath, siteMapPath, sitePath, translatePath } from '../../core/portal/paths.js';
import { hasProcedures } from '../../core/portal/procedures.js';
import { formPath, questionsPath } from '../../core/tickets/portalPaths.js';
import type { Frame } from '../../app/portal.js';
import type { SiteRecord } from '../../app/ports.js';
import { COVER_PATH } from './assets.js';
import { brandEmblem, lookHead } from './siteLook.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Settings every page reads; built once at start-up. */
export interface PortalSettings {
  baseUrl: string;
  timeZone: string;
  stylesheet: string;
  emblem: string;
  emc: { link: string; image: string } | null;
  /** Platform names for the links to an item's mirrors (from the channel profiles). */
  mirrorLabels: Record<string, string>;
  /** The script that fills ad zones (assets/ads.js); absent, pages carry no zones. */
  adScript?: string;
  /**
   * Set on a component site's own host (src/core/portal/hosts.ts): the province's address, where the pages this
   * host does not serve (questions, contact, the public exchanges, the province itself) live. `baseUrl` is the site's.
   */
  provinceUrl?: string;
}

export interface PageMeta {
  title: string;
  description: string;
  /** Path of this page; canonical and language links derive from it. */
  path: string;
  /** The other language's version, when it differs from the default translation of the path. */
  otherLangPath?: string;
  feedPath?: string;
  og?: { type: 'website' | 'article'; image?: string };
  /** schema.org data for this page; serialised so that it cannot close its script element. */
  jsonLd?: object;
  /** Extra head elements (article times). */
  head?: Html;
  noindex?: boolean;
  /** A page whose address carries a private key (a ticket's status): no Referer ever carries it away. */
  private?: boolean;
  /** Where the page's canonical address lives when not here: a component site's article read on the province's host. */
  canonicalBase?: string;
}

export const siteName = (site: SiteRecord, lang: Lang) => (lang === 'vi' ? site.nameVi : site.nameEn);
export const when = (at: Date, s: PortalSettings) => html`<time datetime="${at.toISOString()}">${formatLocal(at, s.timeZone)}</time>`;
const other = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');

function jsonLdScript(data: object): Html {
  // `<` escaped: no text inside can end the element early.
  return html`<script type="application/ld+json">${raw(JSON.stringify(data).replace(/</g, '\\u003c'))}</script>`;
}

function banner(frame: Frame, lang: Lang, s: PortalSettings, now: Date): Html {
  const m = frame.maintenance;
  if (!m) return html``;
  const detail = { start: formatLocal(m.startsAt, s.timeZone), restore: formatLocal(m.restoresAt, s.timeZone) };
  const text = message(lang, now >= m.startsAt ? 'portal_maintenance_active' : 'portal_maintenance_upcoming', detail);
  const note = lang === 'vi' ? m.noteVi : m.noteEn;
  return html`<div class="notice" role="status"><p>${text}${note ? html` ${note}` : ''}</p></div>`;
}

/**
 * The site's document library: at its own host (or the province's) the library there is the site's; a component
 * site read on the province's host (/vi/don-vi/KEY) links to the province's library filtered to it.
 */
function libraryHref(frame: Frame, lang: Lang, s: PortalSettings): string {
  return frame.site.id === frame.province.id || s.provinceUrl ? documentsPath(lang) : siteDocumentsPath(lang, frame.site.key);
}

function header(frame: Frame, lang: Lang, meta: PageMeta, s: PortalSettings): Html {
  const siteHome = frame.site.id === frame.province.id || s.provinceUrl ? homePath(lang) : sitePath(lang, frame.site.key);
  const province = s.provinceUrl ?? '';
  const switchTo = meta.otherLangPath ?? translatePath(meta.path, other(lang));
  return html`<header class="masthead">
<div class="wrap top">
<a class="brand" href="${siteHome}">${brandEmblem(frame.site, s.emblem)}<span>${siteName(frame.site, lang)}</span></a>
<a class="lang" href="${switchTo}" hreflang="${other(lang)}" lang="${other(lang)}">${message(lang, 'portal_other_lang')}</a>
</div>
<nav aria-label="${message(lang, 'portal_main_nav')}"><ul class="wrap menu">
<li><a href="${homePath(lang)}">${message(lang, 'portal_home')}</a></li>
${frame.categories.map((c) => html`<li><a href="${categoryPath(lang, c.key)}">${lang === 'vi' ? c.nameVi : c.nameEn}</a></li>`)}
<li><a href="${libraryHref(frame, lang, s)}"${meta.path === documentsPath(lang) ? html` aria-current="page"` : ''}>${message(lang, 'docs_title')}</a></li>
${hasProcedures(frame, s.provinceUrl !== undefined) ? html`<li><a href="${proceduresPath(lang)}"${meta.path === proceduresPath(lang) ? html` aria-current="page"` : ''}>${message(lang, 'proc_title')}</a></li>` : ''}
<li><a href="${province}${questionsPath(lang)}">${message(lang, 'tportal_nav_questions')}</a></li>
<li><a href="${siteMapPath(lang)}">${message(lang, 'portal_site_map')}</a></li>
</ul></nav>
<form class="wrap search" role="search" action="${searchPath(lang)}" method="get">
<label for="q">${message(lang, 'portal_search_label')}</label>
<input id="q" name="q" type="search" maxlength="200"><button type="submit">${message(lang, 'portal_search')}</button>
</form>
</header>`;
}

function footer(frame: Frame, lang: Lang, meta: PageMeta, s: PortalSettings): Html {
  const site = frame.site;
  const lines = [
    site.responsible ? message(lang, 'portal_responsible', { name: site.responsible }) : null,
    site.address ? message(lang, 'portal_address', { address: site.address }) : null,
    site.phone ? message(lang, 'portal_phone', { phone: site.phone }) : null,
    site.email ? message(lang, 'portal_email', { email: site.email }) : null,
  ].filter((l): l is string => l !== null);
  const isProvince = site.id === frame.province.id;
  const province = s.provinceUrl ?? '';
  return html`<footer class="foot"><div class="wrap">
<p class="foot-name">${siteName(site, lang)}</p>
${lines.map((l) => html`<p>${l}</p>`)}
${isProvince ? '' : html`<p><a href="${province}${homePath(lang)}">${message(lang, 'portal_back_to_province', { name: siteName(frame.province, lang) })}</a></p>`}
<ul class="foot-links">
<li><a href="${siteMapPath(lang)}">${message(lang, 'portal_site_map')}</a></li>
<li><a href="${province}${interactionsPath(lang)}">${message(lang, 'interactions_link')}</a></li>
<li><a href="${libraryHref(frame, lang, s)}">${message(lang, 'docs_title')}</a></li>
<li><a href="${province}${questionsPath(lang)}">${message(lang, 'tportal_nav_questions')}</a></li>
<li><a href="${province}${formPath(lang, 'contact')}">${message(lang, 'tportal_nav_contact')}</a></li>
<li><a href="${meta.feedPath ?? feedPath(homePath(lang), 'rss')}">${message(lang, 'portal_feeds')}</a></li>
<li><a href="/api/docs">${message(lang, 'portal_api')}</a></li>
</ul>
${isProvince ? html`<div class="emc">${s.emc ? html`<a href="${s.emc.link}"><img src="${s.emc.image}" alt="${message(lang, 'portal_emc')}" width="120" height="45"></a>` : ''}</div>` : ''}
</div></footer>`;
}

export function page(frame: Frame, lang: Lang, meta: PageMeta, s: PortalSettings, now: Date, main: Html): Html {
  const base = meta.canonicalBase ?? s.baseUrl;
  const url = `${base}${meta.path}`;
  const otherPath = meta.otherLangPath ?? translatePath(meta.path, other(lang));
  const feed = meta.feedPath ?? feedPath(homePath(lang), 'rss');
  const name = siteName(frame.site, lang);
  // A page kept out of the index (a 404, a search) names no canonical address: a 404 at a site's host would point at one that is none.
  // Zones only on public pages that are no error or private page; empty until ads.js fills them, the same bytes whatever is booked.
  const ads = s.adScript !== undefined && !meta.private && !meta.noindex;
  return html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">${meta.private ? raw('<meta name="referrer" content="no-referrer">') : ''}<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${meta.title === name ? name : `${meta.title} – ${name}`}</title>
<meta name="description" content="${meta.description}">
${meta.noindex ? raw('<meta name="robots" content="noindex">') : ''}
${meta.noindex ? '' : html`<link rel="canonical" href="${url}">
<link rel="alternate" hreflang="${lang}" href="${url}"><link rel="alternate" hreflang="${other(lang)}" href="${base}${otherPath}">
`}<link rel="alternate" type="application/rss+xml" title="RSS" href="${feed}"><link rel="alternate" type="application/atom+xml" title="Atom" href="${feed.replace(/\.rss$/, '.atom')}"><link rel="alternate" type="application/feed+json" title="JSON Feed" href="${feed.replace(/\.rss$/, '.json')}">
<link rel="stylesheet" href="${s.stylesheet}">${lookHead(frame.site, s.emblem)}${ads ? html`<script src="${s.adScript}" defer></script>` : ''}
<meta property="og:site_name" content="${name}"><meta property="og:title" content="${meta.title}"><meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${url}"><meta property="og:type" content="${meta.og?.type ?? 'website'}"><meta property="og:locale" content="${lang === 'vi' ? 'vi_VN' : 'en_GB'}">
<meta property="og:image" content="${meta.og?.image ?? `${s.baseUrl}${COVER_PATH}`}"><meta name="twitter:card" content="summary_large_image">
${meta.head ?? ''}${meta.jsonLd ? jsonLdScript(meta.jsonLd) : ''}
</head><body${ads ? html` data-ads="${frame.site.key}"` : ''}>
<a class="skip" href="#main">${message(lang, 'portal_skip')}</a>
${banner(frame, lang, s, now)}
${header(frame, lang, meta, s)}
${ads ? raw('<div class="ad-zone" data-zone="header"></div>') : ''}
<main id="main" class="wrap">${main}</main>
${ads ? raw('<div class="ad-zone" data-zone="sidebar"></div>') : ''}
${footer(frame, lang, meta, s)}
</body></html>`;
}
