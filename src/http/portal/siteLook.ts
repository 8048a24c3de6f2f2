import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { SiteRecord } from '../../app/ports.js';
import { EMBLEM_FILE_NAME, emblemFile, LOOK_FILE_NAME, lookStylesheet, lookStylesheetPath } from '../../core/siteLook.js';
import type { Html } from './layout.js';

/**
 * A component site's own look on its pages (issue 20.2): its emblem in the header and its accent colour
 * through a stylesheet of its own. The CSP allows no inline style (src/http/security.ts), so the colour
 * comes as a file named by the colour itself: a new colour is a new address, and each may be kept a year.
 */

/** Both are named by their content (the emblem by its hash, the stylesheet by its colour): they never change under one name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const holds = (etag: string, ifNoneMatch: string | undefined) => Boolean(ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag));

/** The header's emblem: the site's own PNGs (twice the size for sharp screens), else the portal's. */
export function brandEmblem(site: SiteRecord, portalEmblem: string): Html {
  if (!site.emblem) return html`<img src="${portalEmblem}" alt="" width="48" height="48">`;
  const one = `/${emblemFile(site.emblem, 128)}`;
  return html`<img src="${one}" srcset="${one} 1x, /${emblemFile(site.emblem, 256)} 2x" alt="" width="48" height="48">`;
}

/** The head's links for the site's look: its stylesheet after the portal's (the later wins), its emblem as the tab's icon. */
export function lookHead(site: SiteRecord, portalEmblem: string): Html {
  const colour = site.accentColour && lookStylesheet(site.accentColour) !== null ? site.accentColour : null;
  const icon = site.emblem ? html`<link rel="icon" href="/${emblemFile(site.emblem, 128)}" type="image/png">` : html`<link rel="icon" href="${portalEmblem}" type="image/svg+xml">`;
  return html`${colour ? html`<link rel="stylesheet" href="${lookStylesheetPath(colour)}">` : ''}${icon}`;
}

/** `/site-look/<rrggbb>.css` and `/emblems/<sha-256>-<size>.png`, on the province's host and every site's own. */
export function siteLookRoutes(mediaDir: string): Hono {
  const app = new Hono();
  app.get('/site-look/:file', (c) => {
    const colour = LOOK_FILE_NAME.exec(c.req.param('file'))?.[1];
    // Only a colour a site may have is drawn: no address here makes an unreadable theme.
    const css = colour ? lookStylesheet(`#${colour}`) : null;
    if (css === null) return c.text('Không có / Not found', 404);
    const etag = `"look-${colour}"`;
    if (holds(etag, c.req.header('If-None-Match'))) return c.body(null, 304, { ETag: etag, 'Cache-Control': IMMUTABLE });
    return c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': IMMUTABLE, ETag: etag });
  });
  app.get('/emblems/:file', async (c) => {
    const name = c.req.param('file');
    const m = EMBLEM_FILE_NAME.exec(name);
    if (!m) return c.text('Không có / Not found', 404);
    const path = join(mediaDir, 'emblems', name);
    const size = await stat(path).then((s) => s.size).catch(() => null);
    if (size === null) return c.text('Không có / Not found', 404);
    const etag = `"${m[1]}-${m[2]}"`;
    if (holds(etag, c.req.header('If-None-Match'))) return c.body(null, 304, { ETag: etag, 'Cache-Control': IMMUTABLE });
    return c.body(Readable.toWeb(createReadStream(path)) as ReadableStream, 200, { 'Content-Type': 'image/png', 'Content-Length': String(size), 'Cache-Control': IMMUTABLE, ETag: etag });
  });
  return app;
}
