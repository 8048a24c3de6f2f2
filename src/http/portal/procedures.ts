/**
 * A site's administrative procedures (Điều 13.1): `/vi/thu-tuc-hanh-chinh` and `/en/administrative-procedures`,
 * links to the public-service portal that serves them. At a site's own host, that site's links; at the province's,
 * the province's own and then each component site's under its name. Drawn from the page's frame (the sites it
 * already read), on each request: no kept page to go stale.
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { message, type Lang } from '../../core/messages.js';
import { proceduresPath } from '../../core/portal/paths.js';
import { procedureSites, proceduresOf, type ProcedureLink } from '../../core/portal/procedures.js';
import { framesKept, type Frame } from '../../app/portal.js';
import type { Deps } from '../../app/deps.js';
import type { SiteRecord } from '../../app/ports.js';
import type { PageCache } from './cache.js';
import { page, siteName, type Html, type PortalSettings } from './layout.js';

export interface ProcedureRoutesDeps {
  deps: Deps;
  settings: PortalSettings;
  cache: PageCache;
  hosted?: SiteRecord | null;
}

const linkList = (lang: Lang, links: readonly ProcedureLink[]): Html =>
  html`<ul class="procedures">${links.map((l) => html`<li><a href="${l.url}" rel="external noopener">${lang === 'vi' ? l.nameVi : l.nameEn}</a></li>`)}</ul>`;

function proceduresPage(lang: Lang, frame: Frame, s: PortalSettings, now: Date, hosted: boolean): Html {
  const heading = message(lang, 'proc_title');
  const listed = procedureSites(frame, hosted).map((site) => ({ site, links: proceduresOf(site.procedures) })).filter((x) => x.links.length > 0);
  const body =
    listed.length === 0
      ? html`<p role="status">${message(lang, 'proc_none')}</p>`
      : listed.length === 1 && listed[0]!.site.id === frame.site.id
        ? linkList(lang, listed[0]!.links)
        : html`${listed.map((x) => html`<section><h2>${siteName(x.site, lang)}</h2>${linkList(lang, x.links)}</section>`)}`;
  const main = html`<h1>${heading}</h1><p>${message(lang, 'proc_intro', { site: siteName(frame.site, lang) })}</p>${body}`;
  return page(frame, lang, { title: heading, description: heading, path: proceduresPath(lang), otherLangPath: proceduresPath(lang === 'vi' ? 'en' : 'vi') }, s, now, main);
}

export function procedureRoutes(env: ProcedureRoutesDeps): Hono {
  const { deps, settings: s, cache } = env;
  const hosted = env.hosted ?? null;
  const frameFor = framesKept(deps, () => cache.everythingStamp);
  const app = new Hono();
  const show = async (c: Context, lang: Lang) => {
    // Not a kept page, so nothing else reads the trail for this request: a list changed since is seen now.
    await cache.generationNow();
    const frame = (await frameFor(hosted?.key ?? null)) ?? (await frameFor(null));
    if (!frame) return c.notFound();
    c.header('Cache-Control', 'no-store');
    return c.html((await proceduresPage(lang, frame, s, deps.clock(), hosted !== null)).toString());
  };
  app.get(proceduresPath('vi'), (c) => show(c, 'vi'));
  app.get(proceduresPath('en'), (c) => show(c, 'en'));
  return app;
}
