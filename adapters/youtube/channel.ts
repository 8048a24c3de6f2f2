import { createReadStream } from 'node:fs';
import type { youtube_v3 } from '@googleapis/youtube';
import type { DeliveryResult, Lookup } from '../../src/core/delivery.js';
import type { ChannelAccount, ChannelAdapter, MirrorPost } from '../../src/app/outboxPorts.js';
import { readCredentials, type YoutubeCredentials } from './credentials.js';
import { failureOf, sortYoutubeFailure } from './errors.js';
import { youtubeSessions } from './session.js';
import { probeYoutube } from './probe.js';
import { CHUNK_UNIT, resumableUpload } from './upload.js';

export interface YoutubeConfig {
  /** Ends with a slash, as googleapis wants it: https://youtube.googleapis.com/ */
  rootUrl: string;
  tokenUrl: string;
  chunkBytes: number;
  timeoutMs: number;
  /** How long until the quota day ends (midnight Pacific), for a delivery refused for quota. */
  untilQuotaReset: () => number;
}

/** YouTube's "News & Politics" category. */
const NEWS_CATEGORY = '25';
/** playlistItems.list's largest page; past MAX_LOOKUP_PAGES the lookup says it cannot tell. */
const LOOKUP_PAGE = 50;
const MAX_LOOKUP_PAGES = 50;

export const watchUrl = (id: string) => `https://www.youtube.com/watch?v=${id}`;
const descriptionOf = (post: MirrorPost) => [post.summary, post.body.slice(0, 3000), post.url].filter((s) => s.trim() !== '').join('\n\n');
const snippetOf = (post: MirrorPost) => ({ title: post.title.slice(0, 100), description: descriptionOf(post), categoryId: NEWS_CATEGORY, defaultLanguage: post.lang });

/** A YouTube channel as a mirror: resumable video uploads, thumbnail, playlist, edits and removals. */
export function youtubeChannel(config: YoutubeConfig): ChannelAdapter {
  const session = youtubeSessions(config);
  const sorted = (error: unknown, mayHavePosted: boolean) => sortYoutubeFailure(failureOf(error), mayHavePosted, config.untilQuotaReset());
  // Media uploads take the root per call too (googleapis builds their URL from it).
  const media = { rootUrl: config.rootUrl };

  async function extras(api: youtube_v3.Youtube, creds: YoutubeCredentials, post: MirrorPost, videoId: string): Promise<string | undefined> {
    const problems: string[] = [];
    const picture = post.media.find((m) => m.kind === 'image');
    if (picture) {
      await api.thumbnails.set({ videoId, media: { mimeType: picture.type, body: createReadStream(picture.path) } }, media).catch((e: unknown) => problems.push(`thumbnail: ${sorted(e, false).kind}`));
    }
    if (creds.playlistId) {
      const requestBody = { snippet: { playlistId: creds.playlistId, resourceId: { kind: 'youtube#video', videoId } } };
      await api.playlistItems.insert({ part: ['snippet'], requestBody }).catch((e: unknown) => problems.push(`playlist: ${sorted(e, false).kind}`));
    }
    return problems.length ? problems.join('; ') : undefined;
  }

  return {
    probe: (account) => probeYoutube(session, account, config.untilQuotaReset),

    async publish(account: ChannelAccount, post: MirrorPost): Promise<DeliveryResult> {
      const video = post.media.find((m) => m.kind === 'video');
      if (!video) return { kind: 'rejected', reason: 'the item has no video' };
      const creds = readCredentials(account.credentials);
      const { api, accessToken } = await session(creds);
      try {
        // A revoked grant shows here, before any byte is sent.
        await accessToken();
      } catch (error) {
        return sorted(error, false);
      }
      const metadata = { snippet: snippetOf(post), status: { privacyStatus: 'public', selfDeclaredMadeForKids: false } };
      const up = await resumableUpload({ root: config.rootUrl, accessToken, path: video.path, type: video.type, metadata, chunkBytes: Math.max(CHUNK_UNIT, config.chunkBytes), timeoutMs: config.timeoutMs });
      if (!up.ok) return sortYoutubeFailure(up.failure, up.lastChunkSent, config.untilQuotaReset());
      const note = await extras(api, creds, post, up.videoId);
      return { kind: 'delivered', externalId: up.videoId, url: watchUrl(up.videoId), ...(note ? { note } : {}) };
    },

    async update(account, externalId, post) {
      const { api } = await session(readCredentials(account.credentials));
      try {
        await api.videos.update({ part: ['snippet'], requestBody: { id: externalId, snippet: snippetOf(post) } });
        return { kind: 'delivered', externalId, url: watchUrl(externalId) };
      } catch (error) {
        return sorted(error, false);
      }
    },

    async remove(account, externalId) {
      const { api } = await session(readCredentials(account.credentials));
      try {
        await api.videos.delete({ id: externalId });
      } catch (error) {
        const f = failureOf(error);
        if (!(f.kind === 'http' && f.status === 404)) return sortYoutubeFailure(f, false, config.untilQuotaReset());
      }
      return { kind: 'delivered', externalId, url: null };
    },

    async lookup(account, post, since): Promise<Lookup> {
      const { api } = await session(readCredentials(account.credentials));
      try {
        const channels = await api.channels.list({ part: ['contentDetails'], mine: true });
        const uploads = channels.data.items?.[0]?.contentDetails?.relatedPlaylists?.uploads;
        if (!uploads) return { kind: 'unknown', reason: 'no uploads playlist' };
        // The uploads playlist lists the newest first: read pages (nextPageToken) until they reach back before the attempt.
        let pageToken: string | undefined;
        for (let page = 0; page < MAX_LOOKUP_PAGES; page += 1) {
          const items = await api.playlistItems.list({ part: ['snippet'], playlistId: uploads, maxResults: LOOKUP_PAGE, ...(pageToken ? { pageToken } : {}) });
          const list = items.data.items ?? [];
          const id = list.find((i) => (i.snippet?.description ?? '').split(/\s+/).includes(post.url))?.snippet?.resourceId?.videoId;
          if (id) return { kind: 'found', externalId: id, url: watchUrl(id) };
          const oldest = list.at(-1)?.snippet?.publishedAt;
          pageToken = items.data.nextPageToken ?? undefined;
          if (!pageToken || list.length === 0 || (oldest && Date.parse(oldest) < since.getTime())) return { kind: 'absent' };
        }
        return { kind: 'unknown', reason: 'too many uploads since the attempt to look through' };
      } catch (error) {
        return { kind: 'unknown', reason: sorted(error, false).kind };
      }
    },
  };
}
