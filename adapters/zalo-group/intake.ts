import { submit } from '../../src/app/intake.js';
import { hasSubstance } from '../../src/core/chatIntake.js';
import type { InboxRow } from '../../src/app/inbox/ports.js';
import { fetchChatFiles } from '../../src/app/chatAttachments.js';
import { PLATFORM, type ZaloDeskEnv } from './env.js';
import { messageKey, quoteRef, toIncomingMessage, type IncomingMessage, type ZaloEvent } from './mapping.js';

// Zalo sends an album as separate photo messages, and a caption may come before or after them as its
// own message: messages of one sender in one group that follow each other within the quiet time wait
// together in the inbox and are taken as one submission (desk.ts), up to the batch's limits.

export const partsOfRows = (rows: readonly InboxRow[]) => rows.map((r) => toIncomingMessage(JSON.parse(r.payload) as Extract<ZaloEvent, { kind: 'message' }>));

/**
 * How long a sender's batch waits for more: photos alone wait for the caption window, since people
 * type the caption after picking the photos (8 s is common); once a text is in, the usual quiet time.
 */
export function quietOf(quietMs: number, captionWindowMs: number) {
  return (rows: readonly InboxRow[]): number => (partsOfRows(rows).every((p) => p.kind === 'photo') ? Math.max(quietMs, captionWindowMs) : quietMs);
}

const fileName = (part: IncomingMessage) => part.fileName ?? `${part.kind}-${part.msgId}.${part.kind === 'photo' ? 'jpg' : part.kind === 'video' ? 'mp4' : 'bin'}`;

/**
 * One submission from a batch; media problems are told to the sender, the rest is kept. `current`
 * reads the batch's messages still in the inbox once the files are in: one recalled meanwhile is left out.
 */
export async function takeBatch(env: ZaloDeskEnv, siteId: string, downloaded: IncomingMessage[], current: () => Promise<InboxRow[]>): Promise<void> {
  const deps = env.deps;
  const now = deps.clock();
  const files = downloaded.flatMap((part) => (part.href ? [{ url: part.href, name: fileName(part), kind: part.kind, declaredSize: part.declaredSize, messageId: part.msgId, from: part.from, chat: part.threadId }] : []));
  const { attachments, problems } = await fetchChatFiles(files, env.media, env.download, now, env.log);
  // A recall that came while the files were downloading took its message out of the inbox batch.
  const still = new Set((await current()).map((r) => r.key));
  const parts = downloaded.filter((p) => still.has(messageKey(p.msgId)));
  // As on Telegram (src/core/chatIntake.ts): what is left must still be more than chat.
  if (!parts.some((p) => p.href) && !hasSubstance(parts.map((p) => p.text).join('\n'))) return;
  const kept = new Set(parts.map((p) => p.msgId));
  const first = parts[0]!;
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
    // Each file and text names its message, so recalling one message later takes out that part only.
    textParts: parts.filter((p) => p.text.trim() !== '').map((p) => ({ messageId: p.msgId, text: p.text })),
    attachments: attachments.filter((a) => a.messageId !== undefined && kept.has(a.messageId)),
    replyRef: quoteRef(first.quote),
  });
  if (!created) return;
  const code = submission.code ?? '?';
  // The acknowledgement is told from the audit trail (once, after a crash too); the media problems follow it.
  await env.acknowledge();
  for (const problem of problems) if (kept.has(problem.messageId)) await env.say(first.threadId, problem.text(code), first.quote);
  env.hooks.submitted(submission);
}
