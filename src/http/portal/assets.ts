import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

interface Asset {
  path: string;
  type: string;
  body: Uint8Array;
}

function load(file: string, type: string): Asset {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = file.lastIndexOf('.');
  return { path: `/assets/${file.slice(0, dot)}.${hash}${file.slice(dot)}`, type, body: new Uint8Array(body) };
}

/** The stylesheet and emblem under names that carry their hash, so browsers may keep them for a year. */
export function portalAssets(): { stylesheet: string; emblem: string; routes: Hono } {
  const assets = [load('site.css', 'text/css; charset=utf-8'), load('emblem.svg', 'image/svg+xml')];
  const routes = new Hono();
  for (const a of assets) {
    routes.get(a.path, () => new Response(a.body, { headers: { 'Content-Type': a.type, 'Cache-Control': 'public, max-age=31536000, immutable' } }));
  }
  return { stylesheet: assets[0]!.path, emblem: assets[1]!.path, routes };
}
