import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { projectPath } from '../../projectRoot.js';

interface Asset {
  path: string;
  type: string;
  body: Uint8Array;
}

function load(file: string, type: string): Asset {
  const body = readFileSync(projectPath('src', 'http', 'portal', 'assets', file));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = file.lastIndexOf('.');
  return { path: `/assets/${file.slice(0, dot)}.${hash}${file.slice(dot)}`, type, body: new Uint8Array(body) };
}

/** A plain picture (the emblem on the portal's red) where a platform needs one: article covers, link previews. */
export const COVER_PATH = '/assets/cover.png';

/** The stylesheet, emblem and the ads' script under names that carry their hash, so browsers may keep them for a year. */
export function portalAssets(): { stylesheet: string; emblem: string; adScript: string; routes: Hono } {
  const assets = [load('site.css', 'text/css; charset=utf-8'), load('emblem.svg', 'image/svg+xml'), load('ads.js', 'text/javascript; charset=utf-8')];
  const routes = new Hono();
  for (const a of assets) {
    routes.get(a.path, () => new Response(a.body, { headers: { 'Content-Type': a.type, 'Cache-Control': 'public, max-age=31536000, immutable' } }));
  }
  let cover: Promise<Uint8Array> | null = null;
  routes.get(COVER_PATH, async () => {
    // sharp (libvips) is loaded with the first picture drawn, not at start-up.
    cover ??= import('sharp').then(({ default: sharp }) => sharp(Buffer.from(assets[1]!.body)).resize(400, 400).flatten({ background: '#a50e24' }).extend({ top: 115, bottom: 115, left: 400, right: 400, background: '#a50e24' }).png().toBuffer()).then((b) => new Uint8Array(b));
    return new Response(await cover, { headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=86400' } });
  });
  return { stylesheet: assets[0]!.path, emblem: assets[1]!.path, adScript: assets[2]!.path, routes };
}
