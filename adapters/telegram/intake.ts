import type { Message } from 'grammy/types';
import { message } from '../../src/core/messages.js';
import { submit } from '../../src/app/intake.js';
import type { SubmissionInput } from '../../src/app/ports.js';
import { PLATFORM, type CardDesk, type DeskEnv } from './cards.js';
import { humanSize } from '../../src/store/mediaFiles.js';
import { fetchFile, type IncomingFile, type MediaStore } from './media.js';

/** The file a message carries, if any: the largest photo size, a video, a document, an animation. */
export function fileOf(msg: Message): (IncomingFile & { kind: string }) | null {
  const photo = msg.photo?.at(-1);
  if (photo) return { kind: 'photo', fileId: photo.file_id, name: `photo-${msg.message_id}.jpg`, declaredSize: photo.file_size };
  const doc = msg.video ?? msg.document ?? msg.animation ?? msg.audio ?? msg.voice;
  if (!doc) return null;
  const name = ('file_name' in doc && doc.file_name) || `file-${msg.message_id}`;
  return { kind: msg.video ? 'video' : 'document', fileId: doc.file_id, name, declaredSize: doc.file_size };
}

export function senderName(msg: Message): string {
  const f = msg.from;
  if (!f) return msg.sender_chat?.title ?? '?';
  return [f.first_name, f.last_name].filter(Boolean).join(' ') || (f.username ? `@${f.username}` : String(f.id));
}

/** One submission from a message or an album; media problems are told to the sender, the rest is kept. */
export async function takeSubmission(env: DeskEnv, desk: CardDesk, media: MediaStore, fileRoot: string, siteId: string, parts: Message[], textOverride?: string): Promise<void> {
  const first = parts[0]!;
  const chatId = String(first.chat.id);
  const from = first.from;
  const now = env.deps.clock();
  const person = from ? await env.deps.store.personByIdentity(PLATFORM, String(from.id)) : null;
  const attachments: SubmissionInput['attachments'] = [];
  const problems: ((code: string) => string)[] = [];
  for (const part of parts) {
    const file = fileOf(part);
    if (!file) continue;
    const got = await fetchFile(env.api, fileRoot, file, media, now);
    if (got.ok) attachments.push({ kind: got.kind, ref: got.ref, name: got.name, sourceId: file.fileId });
    else if (got.reason === 'too_large') problems.push((code) => message('vi', 'media_too_large', { file: file.name, size: humanSize(got.size), limit: humanSize(media.maxBytes), code }));
    else if (got.reason === 'refused_type') problems.push((code) => message('vi', 'media_refused_type', { file: file.name, type: got.type, code }));
    else {
      // Kept by reference: nothing the sender sent is lost; an editor can fetch it again.
      attachments.push({ kind: file.kind, ref: `telegram-file:${file.fileId}`, name: file.name, sourceId: file.fileId });
      problems.push((code) => message('vi', 'media_unavailable', { file: file.name, code }));
    }
  }
  const text = textOverride ?? parts.map((p) => p.text ?? p.caption ?? '').find((t) => t.trim() !== '') ?? '';
  const { submission, created } = await submit(env.deps, {
    siteId,
    channel: PLATFORM,
    chatId,
    messageIds: parts.map((p) => String(p.message_id)),
    senderPlatformId: String(from?.id ?? first.sender_chat?.id ?? '?'),
    senderName: senderName(first),
    senderPersonId: person?.id ?? null,
    receivedAt: new Date(first.date * 1000),
    rawText: text,
    attachments,
  });
  if (!created) return;
  const code = submission.code ?? '?';
  // The acknowledgement is told from the audit trail (once, after a crash too); the media problems follow it.
  desk.later(async () => {
    await desk.tellOutcomes();
    for (const problem of problems) env.queue.notice(chatId, problem(code));
  });
  desk.later(() => desk.showSubmission(submission));
}
