import type { Lang } from '../messages.js';

/** Path words people read in the address bar, per language. */
const SEGMENTS = {
  vi: { article: 'tin', category: 'chuyen-muc', site: 'don-vi', search: 'tim-kiem', siteMap: 'so-do-cong', interactions: 'tuong-tac' },
  en: { article: 'news', category: 'category', site: 'site', search: 'search', siteMap: 'site-map', interactions: 'interactions' },
} as const satisfies Record<Lang, Record<string, string>>;

export type PageKind = keyof (typeof SEGMENTS)['vi'];

export const segment = (lang: Lang, kind: PageKind): string => SEGMENTS[lang][kind];

export const homePath = (lang: Lang) => `/${lang}/`;
export const articlePath = (lang: Lang, code: string) => `/${lang}/${SEGMENTS[lang].article}/${encodeURIComponent(code)}`;
export const categoryPath = (lang: Lang, key: string) => `/${lang}/${SEGMENTS[lang].category}/${encodeURIComponent(key)}`;
export const sitePath = (lang: Lang, key: string) => `/${lang}/${SEGMENTS[lang].site}/${encodeURIComponent(key)}`;
export const searchPath = (lang: Lang) => `/${lang}/${SEGMENTS[lang].search}`;
export const siteMapPath = (lang: Lang) => `/${lang}/${SEGMENTS[lang].siteMap}`;
export const interactionsPath = (lang: Lang) => `/${lang}/${SEGMENTS[lang].interactions}`;
/** The document library (src/http/portal/documents.ts); on the province's host `site` narrows it to one site. */
export const documentsPath = (lang: Lang) => (lang === 'vi' ? '/vi/van-ban' : '/en/documents');
/** A site's administrative procedures: links to the public-service portal (src/http/portal/procedures.ts). */
export const proceduresPath = (lang: Lang) => (lang === 'vi' ? '/vi/thu-tuc-hanh-chinh' : '/en/administrative-procedures');
export const siteDocumentsPath = (lang: Lang, siteKey: string) => `${documentsPath(lang)}?${new URLSearchParams({ site: siteKey }).toString()}`;

/**
 * Under an article: where its comment form posts, and the pages that follow a post (a comment
 * waits for a moderator; a bare rating counts at once).
 */
const ARTICLE_PARTS = {
  vi: { feedback: 'gop-y', sent: 'da-gui', rated: 'da-danh-gia' },
  en: { feedback: 'feedback', sent: 'sent', rated: 'rated' },
} as const satisfies Record<Lang, Record<string, string>>;
export type ArticlePart = keyof (typeof ARTICLE_PARTS)['vi'];
export const articlePart = (lang: Lang, part: ArticlePart) => ARTICLE_PARTS[lang][part];
export const articlePartPath = (lang: Lang, code: string, part: ArticlePart) => `${articlePath(lang, code)}/${ARTICLE_PARTS[lang][part]}`;
/** Which part a path word names in this language, if any. */
export const articlePartOf = (lang: Lang, word: string): ArticlePart | null => (Object.entries(ARTICLE_PARTS[lang]).find(([, w]) => w === word)?.[0] as ArticlePart | undefined) ?? null;

/** Feeds sit beside the page they follow: `/vi/feed.rss`, `/vi/chuyen-muc/kinh-te/feed.atom`. */
export type FeedFormat = 'rss' | 'atom' | 'json';
export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];
export const feedPath = (listPath: string, format: FeedFormat) => `${listPath.replace(/\/$/, '')}/feed.${format}`;

/** The same page in the other language, where one exists: articles keep their code, lists their key. */
export function translatePath(path: string, to: Lang): string {
  const [, from, kind, rest] = /^\/(vi|en)\/([^/]*)(.*)$/.exec(path) ?? [];
  if (!from || (from !== 'vi' && from !== 'en')) return homePath(to);
  if (!kind) return homePath(to);
  const entry = Object.entries(SEGMENTS[from]).find(([, word]) => word === kind);
  if (!entry) return homePath(to);
  return `/${to}/${SEGMENTS[to][entry[0] as PageKind]}${rest}`;
}
