import { readFile } from 'node:fs/promises';
import type { DeliveryResult, Lookup } from '../../src/core/delivery.js';
import type { MirrorPost } from '../../src/app/outboxPorts.js';
import type { GraphClient } from './client.js';
import type { FacebookCredentials } from './credentials.js';
import { sortGraphFailure } from './errors.js';

const UPLOAD_TRIES = 4;

export const videoUrl = (pageId: string, id: string) => `https://www.facebook.com/${pageId}/videos/${id}`;

/** Title, summary and the article link: the link finds the video again. */
export const descriptionOf = (post: MirrorPost) => [post.summary, post.url].filter((s) => s.trim() !== '').join('\n\n');

/**
 * Resumable Upload API: start a session, send the bytes, and after a broken connection ask the
 * session where it stands and send the rest. Returns the file handle, or why not.
 */
async function uploadFile(graph: GraphClient, creds: FacebookCredentials & { userToken: string; appId: string }, path: string, type: string): Promise<{ handle: string } | DeliveryResult> {
  const bytes = new Uint8Array(await readFile(path));
  const started = await graph.call('POST', `${creds.appId}/uploads`, creds.userToken, { file_name: path.split('/').pop() ?? 'video.mp4', file_length: String(bytes.length), file_type: type });
  if (!started.ok) return sortGraphFailure(started.failure, false);
  const session = String(started.body.id);
  let offset = 0;
  for (let attempt = 1; attempt <= UPLOAD_TRIES; attempt += 1) {
    const sent = await graph.upload(session, creds.userToken, bytes, offset);
    if (sent.ok && typeof sent.body.h === 'string') return { handle: sent.body.h };
    if (!sent.ok && sent.failure.kind === 'graph' && sent.failure.error.http < 500) return sortGraphFailure(sent.failure, false);
    const state = await graph.uploadState(session, creds.userToken);
    if (!state.ok) return sortGraphFailure(state.failure, false);
    offset = Number(state.body.file_offset ?? 0);
  }
  return { kind: 'retryLater', reason: `upload kept breaking (${UPLOAD_TRIES} tries)` };
}

export async function publishVideo(graph: GraphClient, pageId: string, creds: FacebookCredentials, post: MirrorPost): Promise<DeliveryResult> {
  const video = post.media.find((m) => m.kind === 'video');
  if (!video) return { kind: 'rejected', reason: 'the item has no video' };
  if (!creds.userToken || !creds.appId) return { kind: 'needsReauth', reason: 'Page videos need a user token and the app id (channel reconnect)' };
  const uploaded = await uploadFile(graph, { ...creds, userToken: creds.userToken, appId: creds.appId }, video.path, video.type);
  if (!('handle' in uploaded)) return uploaded;
  const made = await graph.call('POST', `${pageId}/videos`, creds.pageToken, { title: post.title, description: descriptionOf(post), fbuploader_video_file_chunk: uploaded.handle }, undefined, 'video');
  if (!made.ok) return sortGraphFailure(made.failure, true);
  const id = String(made.body.id);
  return { kind: 'delivered', externalId: id, url: videoUrl(pageId, id) };
}

export async function lookupVideo(graph: GraphClient, pageId: string, creds: FacebookCredentials, post: MirrorPost, since: Date): Promise<Lookup> {
  const r = await graph.findSince(`${pageId}/videos`, creds.pageToken, 'id,description', since, (v) => typeof v.description === 'string' && v.description.split(/\s+/).includes(post.url));
  if (!r.ok) return { kind: 'unknown', reason: 'tooMany' in r ? 'too many videos since the attempt to look through' : sortGraphFailure(r.failure, false).kind };
  return r.found ? { kind: 'found', externalId: String(r.found.id), url: videoUrl(pageId, String(r.found.id)) } : { kind: 'absent' };
}
