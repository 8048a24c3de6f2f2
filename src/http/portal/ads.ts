import { createReadStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { isAdZone, type AdZone } from '../../core/ads/rules.js';
import { RateWindow, senderAddress } from '../../core/interactions/rateWindow.js';
import { isLang, message, type Lang } from '../../core/messages.js';
import type { AdBook } from '../../app/ads/book.js';
import { networkOfReader, type AdCounter } from '../../app/ads/counter.js';
import { reportAd } from '../../app/ads/place.js';
import { frameFor } from '../../app/portal.js';
import type { Deps } from '../../app/deps.js';
import { page, type PortalSettings } from './layout.js';
import { peerOf, postedForm } from './postedForm.js';

export interface AdRoutesDeps {
  deps: Deps;
  settings: PortalSettings;
  book: AdBook;
  counter: AdCounter;
  mediaDir: string;
  trustedProxies: ReadonlySet<string>;
}

/** Reports one network (an address, an IPv6 /64) may send in ten minutes. */
const REPORTS_PER_WINDOW = 5;
const REPORT_BODY_MAX = 8 * 1024;
const NO_STORE = 'no-store';
/** Where views are sent: `/ads/v?id=…`, answered 204 whatever it carries. */
export const AD_BEACON_PATH = '/ads/v?';

/** A view beacon as the raw server sees it (src/http/fastPath.ts): counted if its ad is live; nothing said back either way. */
export function adBeacon(book: AdBook, counter: AdCounter, trustedProxies: ReadonlySet<string>): (req: IncomingMessage) => void {
  return (req) => {
    const id = new URLSearchParams((req.url ?? '').slice(AD_BEACON_PATH.length)).get('id') ?? '';
    if (!book.live(id)) return;
    const forwarded = req.headers['x-forwarded-for'];
    const address = senderAddress(req.socket.remoteAddress ?? 'unknown', Array.isArray(forwarded) ? forwarded.join(',') : forwarded, trustedProxies);
    counter.count(counter.readerOf(address, req.headers['user-agent'] ?? ''), id, 'view');
  };
}

/**
 * The ads' own endpoints, same-site, no cookies: the zones a page asks for (impressions), the view
 * beacon, the click redirect, the picture, and the "report this ad" form. Pages never wait on them —
 * a page is the same bytes with or without ads and stays in the page cache (ads.js fills the zones).
 */
export function adRoutes(env: AdRoutesDeps): Hono {
  const { deps, book, counter, settings: s } = env;
  const app = new Hono();
  const reports = new RateWindow(REPORTS_PER_WINDOW, 600_000, 50_000);
  const readerOf = (c: Context) => counter.readerOf(senderAddress(peerOf(c), c.req.header('X-Forwarded-For'), env.trustedProxies), c.req.header('User-Agent') ?? '');
  const langOf = (c: Context): Lang => {
    const l = c.req.query('lang') ?? 'vi';
    return isLang(l) ? l : 'vi';
  };

  app.get('/ads/zones', async (c) => {
    const lang = langOf(c);
    const siteId = book.siteIdOf((c.req.query('site') ?? '').slice(0, 40));
    const zones = [...new Set((c.req.query('z') ?? '').split(',').slice(0, 3))].filter(isAdZone) as AdZone[];
    c.header('Cache-Control', NO_STORE);
    if (siteId === null || zones.length === 0) return c.json({ ads: [] });
    const reader = readerOf(c);
    const chosen = book.choose(siteId, zones, Math.random);
    const ads = [...chosen].map(([zone, ad]) => {
      counter.count(reader, ad.id, 'impression');
      return {
        zone, id: ad.id, img: `/ads/img/${ad.id}`, alt: ad.alt, width: ad.width, height: ad.height, href: `/ads/c/${ad.id}`, fixed: ad.fixed,
        label: message(lang, 'ad_label'), close: message(lang, 'ad_close'), report: message(lang, 'ad_report_link'), reportHref: `/ads/report/${ad.id}?lang=${lang}`,
      };
    });
    return c.json({ ads });
  });

  // The view beacon (sendBeacon): always 204, counted or not, so it tells a script nothing.
  app.post('/ads/v', (c) => {
    const id = c.req.query('id') ?? '';
    if (book.live(id)) counter.count(readerOf(c), id, 'view');
    return c.body(null, 204, { 'Cache-Control': NO_STORE });
  });

  app.get('/ads/c/:id', (c) => {
    const ad = book.live(c.req.param('id'));
    if (!ad) return c.text(`${message('vi', 'ad_gone')}\n${message('en', 'ad_gone')}`, 404, { 'Cache-Control': NO_STORE });
    counter.count(readerOf(c), ad.id, 'click');
    return c.body(null, 302, { Location: ad.targetUrl, 'Cache-Control': NO_STORE, 'Referrer-Policy': 'strict-origin' });
  });

  app.get('/ads/img/:id', async (c) => {
    const ad = book.live(c.req.param('id'));
    if (!ad) return c.body(null, 404, { 'Cache-Control': NO_STORE });
    const file = join(env.mediaDir, ad.imageFile);
    const size = await stat(file).then((st) => st.size).catch(() => null);
    if (size === null) return c.body(null, 404, { 'Cache-Control': NO_STORE });
    // Short-lived: an ad taken down stops showing within minutes in browsers that kept it.
    return c.body(Readable.toWeb(createReadStream(file)) as ReadableStream, 200, { 'Content-Type': ad.imageType, 'Content-Length': String(size), 'Cache-Control': 'public, max-age=300' });
  });

  const reportPage = async (c: Context, lang: Lang, sent: boolean, problem: string | null) => {
    const frame = await frameFor(deps, null);
    const ad = book.live(c.req.param('id') ?? '');
    if (!frame || !ad) return c.text(`${message('vi', 'ad_gone')}\n${message('en', 'ad_gone')}`, 404);
    const path = `/ads/report/${ad.id}?lang=${lang}`;
    const main = sent
      ? html`<h1>${message(lang, 'ad_report_title')}</h1><p role="status">${message(lang, 'ad_report_thanks')}</p>`
      : html`<h1>${message(lang, 'ad_report_title')}</h1><p>${message(lang, 'ad_report_intro', { ad: ad.alt })}</p>
${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}
<form method="post" action="${path}"><label for="reason">${message(lang, 'ad_report_reason')}</label>
<textarea id="reason" name="reason" rows="5" maxlength="1000" required></textarea>
<div class="hp" aria-hidden="true"><label for="website">Website</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">${message(lang, 'ad_report_send')}</button></form>`;
    const body = await page(frame, lang, { title: message(lang, 'ad_report_title'), description: message(lang, 'ad_report_title'), path, otherLangPath: `/ads/report/${ad.id}?lang=${lang === 'vi' ? 'en' : 'vi'}`, noindex: true }, s, deps.clock(), main);
    return c.html(body.toString(), problem ? 400 : 200, { 'Cache-Control': NO_STORE });
  };

  app.get('/ads/report/:id', (c) => reportPage(c, langOf(c), c.req.query('sent') === '1', null));
  app.post('/ads/report/:id', async (c) => {
    const lang = langOf(c);
    const ad = book.live(c.req.param('id'));
    if (!ad) return c.text(`${message('vi', 'ad_gone')}\n${message('en', 'ad_gone')}`, 404);
    const form = await postedForm(c, REPORT_BODY_MAX);
    if (form === 'too_large') return c.text(`${message('vi', 'ad_report_too_long')}\n${message('en', 'ad_report_too_long')}`, 413);
    if (form === 'unreadable') return reportPage(c, lang, false, message(lang, 'ad_report_empty'));
    // Per network, not per browser: a new browser name per request sends no more reports.
    if (!reports.take(networkOfReader(readerOf(c)), Date.now())) return c.text(`${message('vi', 'ad_report_slow_down')}\n${message('en', 'ad_report_slow_down')}`, 429, { 'Retry-After': '600' });
    // A filled honeypot is a robot: thanked the same, nothing kept.
    if ((form('website') ?? '') === '') {
      const r = await reportAd(deps, ad.id, form('reason') ?? '');
      if (!r.ok) return reportPage(c, lang, false, message(lang, 'ad_report_empty'));
    }
    return c.redirect(`/ads/report/${ad.id}?lang=${lang}&sent=1`, 303);
  });

  return app;
}
