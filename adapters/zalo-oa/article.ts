import { paragraphsOf } from '../../src/core/portal/text.js';
import type { MirrorPost } from '../../src/app/outboxPorts.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Zalo article bodies are HTML: the item's text goes in escaped, links as links, nothing else. */
export function htmlOf(body: string): string {
  return paragraphsOf(body)
    .map((lines) => `<p>${lines.map((segments) => segments.map((s) => ('href' in s ? `<a href="${escape(s.href)}">${escape(s.text)}</a>` : escape(s.text))).join('')).join('<br>')}</p>`)
    .join('');
}

/** The description carries the article link: it finds the article again after a lost answer. */
export const descriptionOf = (post: MirrorPost) => `${post.summary.slice(0, 200)}\n${post.url}`.trim();

export function articleOf(post: MirrorPost, coverUrl: string, videoId: string | null): Record<string, unknown> {
  const common = { title: post.title.slice(0, 150), description: descriptionOf(post), status: 'show', comment: 'show' };
  if (videoId) return { type: 'video', ...common, video_id: videoId, avatar: coverUrl };
  const images = post.media.filter((m) => m.kind === 'image').map((m) => ({ type: 'image', url: m.url }));
  const source = `<p>Nguồn: <a href="${escape(post.url)}">${escape(post.url)}</a></p>`;
  return {
    type: 'normal',
    ...common,
    author: post.source.slice(0, 50),
    cover: { cover_type: 'photo', photo_url: coverUrl, status: 'show' },
    body: [{ type: 'text', content: htmlOf(post.body) + source }, ...images],
  };
}
