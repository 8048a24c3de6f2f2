import type { Lang } from '../../core/messages.js';
import { articlePath, feedPath, type FeedFormat } from '../../core/portal/paths.js';
import { labelled } from '../../core/portal/sponsored.js';
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

// Feeds are written here, not by a feed library: the one we used wrapped submitted text in CDATA
// through xml-js, which split only the first `]]>`, so a title with two of them closed the section
// and injected elements (a link ahead of the real one). Here every text is escaped as character
// data, no CDATA anywhere, and characters XML 1.0 forbids are dropped so a sender cannot make the
// feed unreadable either.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const xmlEscape = (text: string) => text.replace(NOT_XML, '').replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
/** Plain text where a reader expects HTML (RSS descriptions): escaped once for HTML, then for XML. */
const asHtmlText = (text: string) => xmlEscape(text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch));

const el = (name: string, text: string, attrs = '') => `<${name}${attrs}>${xmlEscape(text)}</${name}>`;
const attr = (name: string, value: string) => ` ${name}="${xmlEscape(value)}"`;

interface FeedEntry {
  url: string;
  title: string;
  /** Plain text: shown as text by every reader, never read as markup. */
  summary: string;
  /** Our own HTML (paragraphs, breaks, links) drawn from the escaped body. */
  contentHtml: string;
  author: string;
  category: string | null;
  image: { url: string; type: string } | null;
  published: Date;
  updated: Date;
}

interface FeedModel {
  title: string;
  description: string;
  lang: Lang;
  link: string;
  feedUrl: (format: FeedFormat) => string;
  image: string;
  updated: Date;
  entries: FeedEntry[];
}

function rss(f: FeedModel): string {
  const items = f.entries.map((e) =>
    [
      '<item>',
      el('title', e.title),
      el('link', e.url),
      el('guid', e.url, ' isPermaLink="true"'),
      el('pubDate', e.published.toUTCString()),
      `<description>${asHtmlText(e.summary)}</description>`,
      el('content:encoded', e.contentHtml),
      e.author ? el('dc:creator', e.author) : '',
      e.category ? el('category', e.category) : '',
      e.image ? `<enclosure${attr('url', e.image.url)}${attr('type', e.image.type)} length="0"/>` : '',
      '</item>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    el('title', f.title),
    el('link', f.link),
    el('description', f.description),
    el('language', f.lang),
    el('lastBuildDate', f.updated.toUTCString()),
    el('generator', 'portal-hub'),
    `<image>${el('url', f.image)}${el('title', f.title)}${el('link', f.link)}</image>`,
    `<atom:link${attr('href', f.feedUrl('rss'))} rel="self" type="application/rss+xml"/>`,
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

function atom(f: FeedModel): string {
  const entries = f.entries.map((e) =>
    [
      '<entry>',
      el('title', e.title, ' type="text"'),
      el('id', e.url),
      `<link rel="alternate"${attr('href', e.url)}/>`,
      el('published', e.published.toISOString()),
      el('updated', e.updated.toISOString()),
      el('summary', e.summary, ' type="text"'),
      el('content', e.contentHtml, ' type="html"'),
      e.author ? `<author>${el('name', e.author)}</author>` : '',
      e.category ? `<category${attr('term', e.category)}/>` : '',
      e.image ? `<link rel="enclosure"${attr('href', e.image.url)}${attr('type', e.image.type)}/>` : '',
      '</entry>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${attr('xml:lang', f.lang)}>`,
    el('id', f.link),
    el('title', f.title, ' type="text"'),
    el('subtitle', f.description, ' type="text"'),
    el('updated', f.updated.toISOString()),
    el('generator', 'portal-hub'),
    `<link rel="alternate"${attr('href', f.link)}/>`,
    `<link rel="self"${attr('href', f.feedUrl('atom'))}/>`,
    el('logo', f.image),
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

/** JSON Feed 1.1: JSON.stringify escapes; `summary` is plain text by the format's definition. */
function jsonFeed(f: FeedModel): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: f.title,
      home_page_url: f.link,
      feed_url: f.feedUrl('json'),
      description: f.description,
      icon: f.image,
      language: f.lang,
      items: f.entries.map((e) => ({
        id: e.url,
        url: e.url,
        title: e.title,
        summary: e.summary,
        content_html: e.contentHtml,
        date_published: e.published.toISOString(),
        date_modified: e.updated.toISOString(),
        ...(e.author ? { authors: [{ name: e.author }] } : {}),
        ...(e.category ? { tags: [e.category] } : {}),
        ...(e.image ? { image: e.image.url } : {}),
      })),
    },
    null,
    2,
  );
}

/** One feed in the three formats' shared model; the caller picks the format. */
export async function feedText(
  format: FeedFormat,
  items: PublicationRecord[],
  opts: { title: string; description: string; lang: Lang; listPath: string; s: PortalSettings; now: Date; baseOf?: (p: PublicationRecord) => string },
): Promise<string> {
  const { s } = opts;
  const entries: FeedEntry[] = [];
  for (const p of items) {
    const image = leadImage(p);
    const shown = labelled(opts.lang, p);
    entries.push({
      // A component site's article is linked at its own host.
      url: `${opts.baseOf?.(p) ?? s.baseUrl}${articlePath(opts.lang, p.code)}`,
      title: shown.title,
      summary: excerpt(shown.summary || p.body || p.title, 300),
      contentHtml: (await body(p.body)).toString(),
      author: p.author,
      category: p.category,
      image: image ? { url: `${s.baseUrl}${mediaUrl(image.ref)}`, type: image.type } : null,
      published: p.publishedAt,
      updated: p.updatedAt,
    });
  }
  const model: FeedModel = {
    title: opts.title,
    description: opts.description,
    lang: opts.lang,
    link: `${s.baseUrl}${opts.listPath}`,
    feedUrl: (f) => `${s.baseUrl}${feedPath(opts.listPath, f)}`,
    image: `${s.baseUrl}${s.emblem}`,
    updated: items[0]?.updatedAt ?? opts.now,
    entries,
  };
  return format === 'rss' ? rss(model) : format === 'atom' ? atom(model) : jsonFeed(model);
}

/** sitemaps.org: every page a search engine should know, with the time it last changed. */
export function sitemapXml(entries: { path: string; lastmod?: Date }[], baseUrl: string): string {
  const urls = entries.map((e) => `<url>${el('loc', `${baseUrl}${e.path}`)}${e.lastmod ? el('lastmod', e.lastmod.toISOString()) : ''}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
