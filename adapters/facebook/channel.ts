import { readFile } from 'node:fs/promises';
import type { DeliveryResult, Lookup } from '../../src/core/delivery.js';
import type { ChannelAccount, ChannelAdapter, MirrorPost } from '../../src/app/outboxPorts.js';
import { GraphClient, type GraphConfig } from './client.js';
import { readCredentials } from './credentials.js';
import { isMissingObject, sortGraphFailure } from './errors.js';
import { tooBusy as busyOn } from './pressure.js';
import { descriptionOf, lookupVideo, publishVideo, videoUrl } from './video.js';
import { probeFacebook } from './probe.js';

/** Graph takes up to 10 photos in one multi-photo post in practice; more would be refused. */
const MAX_PHOTOS = 10;

/** The post's text: title, summary and the article link, which also finds the post again. */
export const messageOf = (post: MirrorPost) => [post.title, post.summary, post.url].filter((s) => s.trim() !== '').join('\n\n');
const postUrl = (id: string) => `https://www.facebook.com/${id}`;

/** A Facebook Page as a mirror: text and link posts, multi-photo posts, Page videos, edits, removals. */
export function facebookChannel(config: GraphConfig): ChannelAdapter {
  const graph = new GraphClient(config);
  const tooBusy = (pageId: string): DeliveryResult | null => busyOn(graph, pageId);
  return {
    probe: (account) => probeFacebook(graph, account),

    async publish(account: ChannelAccount, post: MirrorPost): Promise<DeliveryResult> {
      const busy = tooBusy(account.accountId);
      if (busy) return busy;
      const creds = readCredentials(account.credentials);
      if (post.part === 'video') return publishVideo(graph, account.accountId, creds, post);
      const photos = post.media.filter((m) => m.kind === 'image').slice(0, MAX_PHOTOS);
      const attached: Record<string, string> = {};
      for (const [i, photo] of photos.entries()) {
        // Unpublished uploads show nowhere until the post attaches them: repeating one is harmless.
        const bytes = new Uint8Array(await readFile(photo.path));
        const up = await graph.call('POST', `${account.accountId}/photos`, creds.pageToken, { published: 'false' }, { field: 'source', bytes, type: photo.type, name: photo.path.split('/').pop() ?? 'photo' });
        if (!up.ok) return sortGraphFailure(up.failure, false);
        attached[`attached_media[${i}]`] = JSON.stringify({ media_fbid: String(up.body.id) });
      }
      const params: Record<string, string> = photos.length ? { message: messageOf(post), ...attached } : { message: messageOf(post), link: post.url };
      const made = await graph.call('POST', `${account.accountId}/feed`, creds.pageToken, params);
      if (!made.ok) return sortGraphFailure(made.failure, true);
      const id = String(made.body.id);
      return { kind: 'delivered', externalId: id, url: postUrl(id) };
    },

    async update(account, externalId, post) {
      const busy = tooBusy(account.accountId);
      if (busy) return busy;
      const token = readCredentials(account.credentials).pageToken;
      const video = post.part === 'video';
      const r = await graph.call('POST', externalId, token, video ? { title: post.title, description: descriptionOf(post) } : { message: messageOf(post) });
      if (!r.ok) return sortGraphFailure(r.failure, false);
      return { kind: 'delivered', externalId, url: video ? videoUrl(account.accountId, externalId) : postUrl(externalId) };
    },

    async remove(account, externalId) {
      const busy = tooBusy(account.accountId);
      if (busy) return busy;
      const r = await graph.call('DELETE', externalId, readCredentials(account.credentials).pageToken);
      if (r.ok || isMissingObject(r.failure)) return { kind: 'delivered', externalId, url: null };
      return sortGraphFailure(r.failure, false);
    },

    async lookup(account, post, since): Promise<Lookup> {
      const creds = readCredentials(account.credentials);
      if (post.part === 'video') return lookupVideo(graph, account.accountId, creds, post, since);
      const r = await graph.findSince(`${account.accountId}/feed`, creds.pageToken, 'id,message', since, (p) => typeof p.message === 'string' && p.message.split(/\s+/).includes(post.url));
      if (!r.ok) return { kind: 'unknown', reason: 'tooMany' in r ? 'too many posts since the attempt to look through' : sortGraphFailure(r.failure, false).kind };
      return r.found ? { kind: 'found', externalId: String(r.found.id), url: postUrl(String(r.found.id)) } : { kind: 'absent' };
    },
  };
}
