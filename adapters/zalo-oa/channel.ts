import { readFile } from 'node:fs/promises';
import type { DeliveryResult, Lookup } from '../../src/core/delivery.js';
import type { ChannelAccount, ChannelAdapter, MirrorPost } from '../../src/app/outboxPorts.js';
import { articleOf, descriptionOf } from './article.js';
import { ZaloClient, type ZaloAnswer, type ZaloConfig } from './client.js';
import { sortZaloFailure } from './errors.js';
import { withToken } from './tokens.js';
import { probeZaloOa } from './probe.js';

export interface ZaloChannelConfig extends ZaloConfig {
  /** The cover when the item has no picture. */
  defaultCoverUrl: string;
  /** Zalo resolves article and video tokens asynchronously: how often and how long to ask. */
  pollEveryMs: number;
  pollTries: number;
}

/** getslice's page; past MAX_LOOKUP_PAGES the lookup says it cannot tell. */
const LOOKUP_PAGE = 10;
const MAX_LOOKUP_PAGES = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A Zalo Official Account as a mirror: articles (normal or video), edits, removals; tokens refreshed under a lock. */
export function zaloOaChannel(config: ZaloChannelConfig): ChannelAdapter {
  const zalo = new ZaloClient(config);

  const call = (account: ChannelAccount, run: (token: string) => Promise<ZaloAnswer>) => withToken(zalo, account, run);
  const failed = (a: Exclude<Awaited<ReturnType<typeof call>>, { ok: true }>, mayHavePosted: boolean): DeliveryResult =>
    'result' in a ? a.result : sortZaloFailure(a.failure, mayHavePosted);

  /** Asks until Zalo turns a token into an id. */
  async function resolve(account: ChannelAccount, ask: (token: string) => Promise<ZaloAnswer>, field: string): Promise<string | null> {
    for (let i = 0; i < config.pollTries; i += 1) {
      const r = await call(account, ask);
      const value = r.ok ? r.data[field] : undefined;
      if (typeof value === 'string' || typeof value === 'number') return String(value);
      await sleep(config.pollEveryMs);
    }
    return null;
  }

  async function uploadVideo(account: ChannelAccount, post: MirrorPost): Promise<{ videoId: string } | DeliveryResult> {
    const video = post.media.find((m) => m.kind === 'video');
    if (!video) return { videoId: '' };
    const bytes = new Uint8Array(await readFile(video.path));
    const prepared = await call(account, (t) => zalo.upload('/v2.0/article/upload_video/preparevideo', t, { bytes, type: video.type, name: video.path.split('/').pop() ?? 'video.mp4' }));
    if (!prepared.ok) return failed(prepared, false);
    const token = String(prepared.data.token);
    const videoId = await resolve(account, (t) => zalo.get('/v2.0/article/upload_video/verify', t, { token }), 'video_id');
    return videoId ? { videoId } : { kind: 'retryLater', reason: 'Zalo is still processing the video' };
  }

  /** Sends the article to the OA's followers; Zalo reviews it for about half an hour before it goes out. */
  async function broadcast(account: ChannelAccount, post: MirrorPost): Promise<DeliveryResult> {
    if (!post.basedOn) return { kind: 'rejected', reason: 'no article to broadcast' };
    const message = { attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'article', attachment_id: post.basedOn }] } } };
    const sent = await call(account, (t) => zalo.post('/v2.0/oa/message', t, { recipient: { target: {} }, message }));
    if (!sent.ok) return failed(sent, true);
    return { kind: 'delivered', externalId: String(sent.data.message_id ?? post.basedOn), url: null };
  }

  async function publish(account: ChannelAccount, post: MirrorPost): Promise<DeliveryResult> {
    if (post.part === 'broadcast') return broadcast(account, post);
    const uploaded = await uploadVideo(account, post);
    if (!('videoId' in uploaded)) return uploaded;
    const cover = post.media.find((m) => m.kind === 'image')?.url ?? config.defaultCoverUrl;
    const created = await call(account, (t) => zalo.post('/v2.0/article/create', t, articleOf(post, cover, uploaded.videoId || null)));
    if (!created.ok) return failed(created, true);
    const token = String(created.data.token);
    const id = await resolve(account, (t) => zalo.post('/v2.0/article/verify', t, { token }), 'id');
    // Made, but not yet named: the next attempt finds it by listing the OA's articles.
    if (!id) return { kind: 'outcomeUnknown', reason: 'Zalo has not resolved the article id yet' };
    return { kind: 'delivered', externalId: id, url: await linkOf(account, id) };
  }

  async function linkOf(account: ChannelAccount, id: string): Promise<string | null> {
    const r = await call(account, (t) => zalo.get('/v2.0/article/getdetail', t, { id }));
    return r.ok && typeof r.data.link === 'string' ? r.data.link : null;
  }

  return {
    publish,
    probe: (account) => probeZaloOa(zalo, account),

    async update(account, externalId, post) {
      const cover = post.media.find((m) => m.kind === 'image')?.url ?? config.defaultCoverUrl;
      const detail = await call(account, (t) => zalo.get('/v2.0/article/getdetail', t, { id: externalId }));
      const videoId = detail.ok && typeof detail.data.video_id === 'string' ? detail.data.video_id : null;
      const r = await call(account, (t) => zalo.post('/v2.0/article/update', t, { id: externalId, ...articleOf(post, cover, videoId) }));
      return r.ok ? { kind: 'delivered', externalId, url: await linkOf(account, externalId) } : failed(r, false);
    },

    async remove(account, externalId) {
      const r = await call(account, (t) => zalo.post('/v2.0/article/remove', t, { id: externalId }));
      return r.ok ? { kind: 'delivered', externalId, url: null } : failed(r, false);
    },

    async lookup(account, post, since): Promise<Lookup> {
      // Sent broadcasts cannot be listed: a broadcast whose answer was lost counts as sent, since
      // followers would rather miss one confirmation than get the same message twice.
      if (post.part === 'broadcast') return { kind: 'found', externalId: `unconfirmed:${post.basedOn ?? ''}`, url: null };
      const type = post.media.some((m) => m.kind === 'video') ? 'video' : 'normal';
      // Newest first, by offset, until a page reaches back before the attempt (create_date, in ms) or runs out.
      for (let page = 0; page < MAX_LOOKUP_PAGES; page += 1) {
        const list = await call(account, (t) => zalo.get('/v2.0/article/getslice', t, { offset: String(page * LOOKUP_PAGE), limit: String(LOOKUP_PAGE), type }));
        if (!list.ok) return { kind: 'unknown', reason: failed(list, false).kind };
        const medias = Array.isArray(list.data.medias) ? (list.data.medias as { id?: unknown; title?: unknown; create_date?: unknown }[]) : [];
        for (const m of medias.filter((x) => x.title === post.title.slice(0, 150))) {
          const detail = await call(account, (t) => zalo.get('/v2.0/article/getdetail', t, { id: String(m.id) }));
          if (!detail.ok) return { kind: 'unknown', reason: failed(detail, false).kind };
          if (detail.data.description === descriptionOf(post)) return { kind: 'found', externalId: String(m.id), url: typeof detail.data.link === 'string' ? detail.data.link : null };
        }
        const oldest = medias.at(-1)?.create_date;
        if (medias.length < LOOKUP_PAGE || (typeof oldest === 'number' && oldest < since.getTime())) return { kind: 'absent' };
      }
      return { kind: 'unknown', reason: 'too many articles since the attempt to look through' };
    },
  };
}
