import { html, raw } from 'hono/html';
import { message, type Lang } from '../../core/messages.js';
import { publicMedia, IMAGE_WIDTHS, RESIZABLE, type PublicMedia } from '../../core/portal/media.js';
import { articlePath } from '../../core/portal/paths.js';
import { excerpt, paragraphsOf } from '../../core/portal/text.js';
import type { PublicationRecord } from '../../app/portalPorts.js';
import { when, type Html, type PortalSettings } from './layout.js';

export const mediaUrl = (ref: string, width?: number) => `/media/${ref}${width ? `?w=${width}` : ''}`;
/** A smaller copy where the type can be resized; the file itself otherwise. */
const sized = (m: PublicMedia, width: number) => mediaUrl(m.ref, RESIZABLE.has(m.type) ? width : undefined);
export const mediaOf = (p: PublicationRecord): PublicMedia[] => p.mediaRefs.map(publicMedia).filter((m): m is PublicMedia => m !== null);
export const leadImage = (p: PublicationRecord) => mediaOf(p).find((m) => m.kind === 'image') ?? null;

function srcset(m: PublicMedia): string | null {
  return RESIZABLE.has(m.type) ? IMAGE_WIDTHS.map((w) => `${mediaUrl(m.ref, w)} ${w}w`).join(', ') : null;
}

/** One item in a list. The picture repeats the title link, so it is hidden from screen readers. */
export function card(p: PublicationRecord, lang: Lang, s: PortalSettings, opts: { eager?: boolean; level?: 2 | 3 } = {}): Html {
  const image = leadImage(p);
  const href = articlePath(lang, p.code);
  const set = image ? srcset(image) : null;
  const title = opts.level === 2 ? html`<h2><a href="${href}">${p.title}</a></h2>` : html`<h3><a href="${href}">${p.title}</a></h3>`;
  return html`<article class="card" lang="${p.lang}">
${image ? html`<a href="${href}" tabindex="-1" aria-hidden="true"><img src="${sized(image, 640)}" ${set ? html`srcset="${set}" sizes="(min-width: 48em) 20em, 100vw"` : ''} alt="" ${opts.eager ? '' : html`loading="lazy"`} decoding="async" width="640" height="360"></a>` : ''}
${p.sponsor ? html`<p class="sponsored" lang="${lang}">${message(lang, 'portal_sponsored')}</p>` : ''}${title}
<p class="meta">${when(p.publishedAt, s)}</p>
${p.summary || p.body ? html`<p>${excerpt(p.summary || p.body, 180)}</p>` : ''}
</article>`;
}

/** Where a list's ad zone stands: after this many items, between two of them, never inside one. */
const BETWEEN_AFTER = 3;

export function cards(items: PublicationRecord[], lang: Lang, s: PortalSettings, level: 2 | 3 = 3, eagerFirst = false, between = false): Html {
  if (items.length === 0) return html`<p>${message(lang, 'portal_empty')}</p>`;
  const zone = between && s.adScript !== undefined && items.length > BETWEEN_AFTER;
  return html`<div class="cards">${items.map((p, i) => html`${zone && i === BETWEEN_AFTER ? raw('<div class="ad-zone" data-zone="between"></div>') : ''}${card(p, lang, s, { level, eager: eagerFirst && i === 0 })}`)}</div>`;
}

export function pagination(lang: Lang, path: string, page: number, pages: number, query: Record<string, string> = {}): Html {
  if (pages <= 1) return html``;
  const link = (n: number) => {
    const params = new URLSearchParams({ ...query, ...(n > 1 ? { trang: String(n) } : {}) }).toString();
    return params ? `${path}?${params}` : path;
  };
  return html`<nav class="pages" aria-label="${message(lang, 'portal_pagination')}">
${page > 1 ? html`<a rel="prev" href="${link(page - 1)}">${message(lang, 'portal_prev')}</a>` : ''}
<span aria-current="page">${message(lang, 'portal_page_of', { n: String(page), total: String(pages) })}</span>
${page < pages ? html`<a rel="next" href="${link(page + 1)}">${message(lang, 'portal_next')}</a>` : ''}
</nav>`;
}

/** The body as text: paragraphs, line breaks and web links are the only structure drawn from it. */
export function body(text: string): Html {
  return html`${paragraphsOf(text).map(
    (lines) =>
      html`<p>${lines.map((segments, i) => html`${i > 0 ? html`<br>` : ''}${segments.map((seg) => ('href' in seg ? html`<a href="${seg.href}" rel="nofollow noopener">${seg.text}</a>` : seg.text))}`)}</p>`,
  )}`;
}

export function mediaBlock(p: PublicationRecord, lang: Lang): Html {
  const media = mediaOf(p);
  const images = media.filter((m) => m.kind === 'image');
  const videos = media.filter((m) => m.kind === 'video');
  const audios = media.filter((m) => m.kind === 'audio');
  const files = media.filter((m) => m.kind === 'file');
  const detail = (n: number) => ({ n: String(n), title: p.title });
  return html`${images.map((m, i) => {
    const set = srcset(m);
    return html`<figure class="media"><img src="${sized(m, 960)}" ${set ? html`srcset="${set}" sizes="(min-width: 48em) 46em, 100vw"` : ''} alt="${message(lang, 'portal_image_of', detail(i + 1))}" ${i > 0 ? html`loading="lazy"` : ''} decoding="async" width="960" height="540"></figure>`;
  })}
${videos.map((m, i) => html`<figure class="media"><video controls preload="metadata" src="${mediaUrl(m.ref)}" aria-label="${message(lang, 'portal_video_of', detail(i + 1))}"></video></figure>`)}
${audios.map((m) => html`<figure class="media"><audio controls preload="none" src="${mediaUrl(m.ref)}"></audio></figure>`)}
${files.length ? html`<section class="files"><h2>${message(lang, 'portal_attachments')}</h2><ul>${files.map((m, i) => html`<li><a href="${mediaUrl(m.ref)}" type="${m.type}">${message(lang, 'portal_attachments')} ${i + 1} (${m.ref.split('.').pop()?.toUpperCase() ?? ''})</a></li>`)}</ul></section>` : ''}`;
}
