import type { Message } from 'grammy/types';
import { message } from '../../src/core/messages.js';
import { submit } from '../../src/app/intake.js';
import type { SubmissionInput } from '../../src/app/ports.js';
import { PLATFORM, type CardDesk, type DeskEnv } from './cards.js';
import { sizeAgainstLimit } from '../../src/core/fileSize.js';
import { fetchFile, type IncomingFile, type MediaStore } from './media.js';
import { originOf, replyRefOf, senderOf, textOf, threadOf } from './messageKinds.js';

/** The file a message carries, if any: the largest photo size, a video, a document, an animation. */
export function fileOf(msg: Message): (IncomingFile & { kind: string }) | null {
  const photo = msg.photo?.at(-1);
  if (photo) return { kind: 'photo', fileId: photo.file_id, name: `photo-${msg.message_id}.jpg`, declaredSize: photo.file_size };
  const doc = msg.video ?? msg.document ?? msg.animation ?? msg.audio ?? msg.voice;
  if (!doc) return null;
  const name = ('file_name' in doc && doc.file_name) || `file-${msg.message_id}`;
  return { kind: msg.video ? 'video' : 'document', fileId: doc.file_id, name, declaredSize: doc.file_size };
}

/** The sender's name as the card and the publication show it (an anonymous admin is named as such). */
export const senderName = (msg: Message): string => senderOf(msg).name;

/** The files of some messages, fetched into media storage; what could not be taken is told by `problems`. */
export async function filesOf(env: DeskEnv, media: MediaStore, fileRoot: string, parts: Message[], now: Date) {
  const attachments: SubmissionInput['attachments'] = [];
  const problems: ((code: string) => string)[] = [];
  for (const part of parts) {
    const file = fileOf(part);
    if (!file) continue;
    const got = await fetchFile(env.api, fileRoot, file, media, now);
    if (got.ok) attachments.push({ kind: got.kind, ref: got.ref, name: got.name, sourceId: file.fileId });
    else if (got.reason === 'too_large') problems.push((code) => message('vi', 'media_too_large', { file: file.name, ...sizeAgainstLimit(got.size, media.maxBytes), code }));
    else if (got.reason === 'refused_type') problems.push((code) => message('vi', 'media_refused_type', { file: file.name, type: got.type, code }));
    else {
      // Kept by reference: nothing the sender sent is lost; an editor can fetch it again.
      attachments.push({ kind: file.kind, ref: `telegram-file:${file.fileId}`, name: file.name, sourceId: file.fileId });
      problems.push((code) => message('vi', 'media_unavailable', { file: file.name, code }));
    }
  }
  return { attachments, problems };
}

/** One submission from a message or an album; media problems are told to the sender, the rest is kept. */
export async function takeSubmission(env: DeskEnv, desk: CardDesk, media: MediaStore, fileRoot: string, siteId: string, parts: Message[], textOverride?: string): Promise<void> {
  const first = parts[0]!;
  const chatId = String(first.chat.id);
  const sender = senderOf(first);
  const now = env.deps.clock();
  // An anonymous admin or a channel is nobody's linked account.
  const person = first.from && !first.sender_chat ? await env.deps.store.personByIdentity(PLATFORM, String(first.from.id)) : null;
  const { attachments, problems } = await filesOf(env, media, fileRoot, parts, now);
  const source = textOverride === undefined ? parts.find((p) => textOf(p).trim() !== '') : first;
  const text = textOverride ?? (source ? textOf(source) : '');
  const { submission, created } = await submit(env.deps, {
    siteId,
    channel: PLATFORM,
    chatId,
    messageIds: parts.map((p) => String(p.message_id)),
    senderPlatformId: sender.platformId,
    senderName: sender.name,
    senderPersonId: person?.id ?? null,
    receivedAt: new Date(first.date * 1000),
    rawText: text,
    attachments,
    textParts: source && text.trim() !== '' ? [{ messageId: String(source.message_id), text }] : [],
    origin: originOf(first),
    replyRef: replyRefOf(first),
  });
  if (!created) return;
  const code = submission.code ?? '?';
  // The acknowledgement is told from the audit trail (once, after a crash too), in the sender's topic,
  // and remembered there so a reply to it adds to this submission; the media problems follow it.
  const thread = threadOf(first);
  desk.later(async () => {
    await desk.tellOutcomes();
    for (const problem of problems) void env.queue.notice(chatId, problem(code), thread);
  });
  desk.later(() => desk.showSubmission(submission));
}
