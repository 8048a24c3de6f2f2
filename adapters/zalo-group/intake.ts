import { message } from '../../src/core/messages.js';
import { submit } from '../../src/app/intake.js';
import type { SubmissionInput } from '../../src/app/ports.js';
import { downloadMedia, humanSize, refusedSize } from '../../src/store/mediaFiles.js';
import { PLATFORM, type ZaloDeskEnv } from './env.js';
import { quoteRef, type IncomingMessage } from './mapping.js';

// Zalo sends an album as separate photo messages, and a caption may come before or after them as its
// own message: messages of one sender in one group that follow each other within the quiet time wait
// together in the inbox and are taken as one submission (desk.ts).

const fileName = (part: IncomingMessage) => part.fileName ?? `${part.kind}-${part.msgId}.${part.kind === 'photo' ? 'jpg' : part.kind === 'video' ? 'mp4' : 'bin'}`;

/** One submission from a batch; media problems are told to the sender, the rest is kept. */
export async function takeBatch(env: ZaloDeskEnv, siteId: string, parts: IncomingMessage[]): Promise<void> {
  const first = parts[0]!;
  const deps = env.deps;
  const now = deps.clock();
  const attachments: SubmissionInput['attachments'] = [];
  const problems: ((code: string) => string)[] = [];
  for (const part of parts) {
    if (!part.href) continue;
    const name = fileName(part);
    const got = await downloadMedia(part.href, name, part.declaredSize, env.media, now, env.download);
    if (got.ok) attachments.push({ kind: got.kind, ref: got.ref, name: got.name });
    else if (got.reason === 'too_large') problems.push((code) => message('vi', 'media_too_large', { file: name, size: refusedSize(got.size, env.media.maxBytes), limit: humanSize(env.media.maxBytes), code }));
    else if (got.reason === 'refused_type') problems.push((code) => message('vi', 'media_refused_type', { file: name, type: got.type, code }));
    else if (got.reason === 'refused_host') {
      // Not kept even by its address: an editor must not be handed a link into our own network.
      env.log.warn({ host: got.host, from: part.from, group: part.threadId }, 'Zalo attachment refused: its URL is not on Zalo’s file hosts (ZALO_MEDIA_HOSTS)');
      problems.push((code) => message('vi', 'media_refused_host', { file: name, code }));
    }
    else {
      // Kept by its address: nothing the sender sent is lost; an editor can fetch it while Zalo keeps it.
      attachments.push({ kind: part.kind, ref: `zalo-url:${part.href}`, name });
      problems.push((code) => message('vi', 'media_unavailable', { file: name, code }));
    }
  }
  const person = await deps.store.personByIdentity(PLATFORM, first.from);
  const { submission, created } = await submit(deps, {
    siteId,
    channel: PLATFORM,
    chatId: first.threadId,
    messageIds: parts.map((p) => p.msgId),
    senderPlatformId: first.from,
    senderName: first.name,
    senderPersonId: person?.id ?? null,
    receivedAt: first.at,
    rawText: parts.map((p) => p.text.trim()).filter((t) => t !== '').join('\n\n'),
    attachments,
    replyRef: quoteRef(first.quote),
  });
  if (!created) return;
  const code = submission.code ?? '?';
  // The acknowledgement is told from the audit trail (once, after a crash too); the media problems follow it.
  await env.acknowledge();
  for (const problem of problems) await env.say(first.threadId, problem(code), first.quote);
  env.hooks.submitted(submission);
}
