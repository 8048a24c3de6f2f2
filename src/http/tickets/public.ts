import { Hono, type Context } from 'hono';
import { issueFormToken } from '../../core/interactions/formToken.js';
import { decodePublicCursor } from '../../core/interactions/publicCursor.js';
import { isLang, type Lang } from '../../core/messages.js';
import { statusKeyHolds } from '../../core/tickets/links.js';
import { formTokenSubject, isTicketField } from '../../core/tickets/portalForm.js';
import { ticketRouteOf, type TicketForm, type TicketRoute } from '../../core/tickets/portalPaths.js';
import { frameFor, searchWords } from '../../app/portal.js';
import { statusLink } from '../../app/tickets/links.js';
import type { TicketEnv } from '../../app/tickets/env.js';
import type { Deps } from '../../app/deps.js';
import { rendered, tagged, type PageCache, type Rendered, type SlotFill } from '../portal/cache.js';
import { TAG } from '../../core/portal/changes.js';
import type { FormSettings } from '../portal/feedback.js';
import { tokenInput } from '../portal/interactionViews.js';
import type { Html, PortalSettings } from '../portal/layout.js';
import { notFoundPage, type View } from '../portal/views.js';
import { formPage } from './formView.js';
import { ticketFormRoute } from './formRoute.js';
import { questionPage, questionsPage, sentPage, statusPage, type QuestionsFilter } from './views.js';
import { welcomePage, notReady } from '../welcome.js';

export interface TicketPagesOptions {
  deps: Deps;
  settings: PortalSettings;
  cache: PageCache;
  forms: FormSettings | null;
  /** Null: the ticket pages answer 404 (tools that serve only the portal). */
  tickets: TicketEnv | null;
}

const HTML = 'text/html; charset=utf-8';
/** As the portal's pages: clients revalidate each time. */
const PAGE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';
/** Status and confirmation pages: the key is in the address; nobody keeps them, nobody indexes them. */
const PRIVATE_HEADERS = { 'Content-Type': HTML, 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'no-referrer' };
export const QUESTIONS_PAGE = 20;

/** Published questions, the two forms, the confirmation and the citizen's status page. */
export function ticketPages(options: TicketPagesOptions): Hono {
  const app = new Hono();
  const { forms, cache, settings: s } = options;
  const tickets = options.tickets;
  if (!tickets) return app;
  const { deps, linkKey } = tickets;
  const links = { portalBaseUrl: tickets.portalBaseUrl, linkKey };
  const answerDays = tickets.settings.answerWorkingDays;
  const post = forms ? ticketFormRoute({ tickets, settings: s, forms }) : null;
  const tokenHole = (form: TicketForm): SlotFill | undefined =>
    forms ? { fill: (nowMs) => tokenInput(issueFormToken(forms.key, formTokenSubject(form), nowMs)).toString(), now: () => deps.clock().getTime() } : undefined;

  const page = async (status: number, html: Html, expiresAt: number | null, hole?: SlotFill) => rendered(status, HTML, (await html).toString(), PAGE_CACHE_CONTROL, expiresAt, hole);

  /** The public pages, drawn for the page cache. */
  async function draw(lang: Lang, route: TicketRoute, path: string, query: URLSearchParams): Promise<Rendered> {
    const frame = await frameFor(deps, null);
    if (!frame) return welcomePage();
    const v: View = { frame, lang, s, now: deps.clock() };
    const expires = frame.nextChange?.getTime() ?? null;
    const missing = () => page(404, notFoundPage(v, path), expires);
    switch (route.kind) {
      case 'list': {
        const q = (query.get('q') ?? '').trim().slice(0, 200);
        const field = query.get('linh-vuc') || null;
        const unitKey = query.get('don-vi') || null;
        const cursor = query.get('tiep') || null;
        const unit = unitKey === null ? null : frame.sites.find((x) => x.key === unitKey);
        // Made-up filters and cursors are no page (and are not kept): only what the page itself offers.
        if ((field !== null && !isTicketField(field)) || unit === undefined || (cursor !== null && !decodePublicCursor(cursor))) return missing();
        const words = searchWords(q);
        const data = await deps.store.publicTickets({ ...(words.length ? { words } : {}), ...(field ? { field } : {}), ...(unit ? { unitSiteId: unit.id } : {}), cursor, limit: QUESTIONS_PAGE });
        const filter: QuestionsFilter = { q, field, unitKey, cursor };
        return page(200, questionsPage(v, data, filter, forms !== null), expires);
      }
      case 'one': {
        const t = await deps.store.publicTicket(route.code);
        return t ? page(200, questionPage(v, t), expires) : missing();
      }
      case 'form':
        return forms ? page(200, formPage(v, route.form, answerDays, { token: null, input: null, refusal: null }), expires, tokenHole(route.form)) : missing();
      case 'status':
      case 'sent':
        throw new Error('private pages are never drawn for the cache');
    }
  }

  /**
   * The confirmation and the status page. The key is checked before the database is asked, and a wrong
   * key is answered exactly as an unknown code: nobody learns whether a code exists.
   */
  async function privatePage(lang: Lang, route: Extract<TicketRoute, { kind: 'status' | 'sent' }>, path: string, key: string): Promise<Response> {
    const frame = await frameFor(deps, null);
    if (!frame) return notReady();
    const v: View = { frame, lang, s, now: deps.clock() };
    const send = async (status: number, html: Html) => new Response((await html).toString(), { status, headers: PRIVATE_HEADERS });
    const t = statusKeyHolds(linkKey, route.code, key) ? await deps.store.ticketByCode(route.code) : null;
    if (!t) return send(404, notFoundPage(v, path));
    const keyQuery = `?k=${encodeURIComponent(key)}`;
    if (route.kind === 'sent') return send(200, sentPage(v, t, statusLink(links, t.code, lang), keyQuery));
    const published = t.publish === true && (await deps.store.publicTicket(t.code)) !== null;
    return send(200, statusPage(v, t, published, keyQuery));
  }

  const routed = (c: Context): { lang: Lang; route: TicketRoute | null; url: URL } | null => {
    const lang = c.req.param('lang');
    if (!lang || !isLang(lang)) return null;
    const url = new URL(c.req.url);
    return { lang, route: ticketRouteOf(lang, url.pathname.split('/').slice(2)), url };
  };

  const get = async (c: Context) => {
    const at = routed(c);
    if (!at) return c.notFound();
    const { lang, route, url } = at;
    if (route && (route.kind === 'status' || route.kind === 'sent')) return privatePage(lang, route, url.pathname, url.searchParams.get('k') ?? '');
    const address = cache.address(url);
    return cache.serve(address.key, async () => {
      if (route) return tagged(await draw(lang, route, url.pathname, address.query), [TAG.tickets]);
      const frame = await frameFor(deps, null);
      if (!frame) return welcomePage();
      return page(404, notFoundPage({ frame, lang, s, now: deps.clock() }, url.pathname), null);
    }, { ifNoneMatch: c.req.header('If-None-Match'), acceptEncoding: c.req.header('Accept-Encoding') });
  };

  const receive = async (c: Context) => {
    const at = routed(c);
    if (!at || !post || at.route?.kind !== 'form') return c.notFound();
    return post(c, at.lang, at.route.form);
  };

  for (const path of ['/:lang{vi}/hoi-dap', '/:lang{vi}/hoi-dap/*', '/:lang{en}/questions', '/:lang{en}/questions/*', '/:lang{vi}/lien-he', '/:lang{en}/contact']) {
    app.get(path, get);
    app.post(path, receive);
  }
  return app;
}
