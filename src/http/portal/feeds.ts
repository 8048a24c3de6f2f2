import { Feed } from 'feed';
import type { Lang } from '../../core/messages.js';
import { articlePath, feedPath, type FeedFormat } from '../../core/portal/paths.js';
import { excerpt } from '../../core/portal/text.js';
import type { PublicationRecord } from '../../app/portalPorts.js';
import type { PortalSettings } from './layout.js';
import { body, leadImage, mediaUrl } from './parts.js';

export const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export const FEED_SIZE = 30;

/** One feed in the three formats' shared model; the caller picks the format. */
export async function feedText(
  format: FeedFormat,
  items: PublicationRecord[],
  opts: { title: string; description: string; lang: Lang; listPath: string; s: PortalSettings; now: Date },
): Promise<string> {
  const { s } = opts;
  const link = `${s.baseUrl}${opts.listPath}`;
  const feed = new Feed({
    id: link,
    title: opts.title,
    description: opts.description,
    link,
    language: opts.lang,
    updated: items[0]?.updatedAt ?? opts.now,
    generator: 'portal-hub',
    copyright: opts.title,
    image: `${s.baseUrl}${s.emblem}`,
    feedLinks: {
      rss: `${s.baseUrl}${feedPath(opts.listPath, 'rss')}`,
      atom: `${s.baseUrl}${feedPath(opts.listPath, 'atom')}`,
      json: `${s.baseUrl}${feedPath(opts.listPath, 'json')}`,
    },
  });
  for (const p of items) {
    const url = `${s.baseUrl}${articlePath(opts.lang, p.code)}`;
    const image = leadImage(p);
    feed.addItem({
      title: p.title,
      id: url,
      guid: url,
      link: url,
      date: p.updatedAt,
      published: p.publishedAt,
      description: excerpt(p.summary || p.body || p.title, 300),
      content: (await body(p.body)).toString(),
      ...(p.author ? { author: [{ name: p.author }] } : {}),
      ...(p.category ? { category: [{ name: p.category }] } : {}),
      ...(image ? { image: { url: `${s.baseUrl}${mediaUrl(image.ref)}`, type: image.type } } : {}),
    });
  }
  return format === 'rss' ? feed.rss2() : format === 'atom' ? feed.atom1() : feed.json1();
}

const xmlEscape = (text: string) => text.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** sitemaps.org: every page a search engine should know, with the time it last changed. */
export function sitemapXml(entries: { path: string; lastmod?: Date }[], baseUrl: string): string {
  const urls = entries.map((e) => `<url><loc>${xmlEscape(`${baseUrl}${e.path}`)}</loc>${e.lastmod ? `<lastmod>${e.lastmod.toISOString()}</lastmod>` : ''}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
