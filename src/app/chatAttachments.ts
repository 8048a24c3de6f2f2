import type { Logger } from 'pino';
import { message } from '../core/messages.js';
import type { Download } from '../guardedFetch.js';
import { sizeAgainstLimit } from '../core/fileSize.js';
import { downloadMedia, type MediaStore } from '../store/mediaFiles.js';
import type { SubmissionInput } from './ports.js';

/** A file a chat message points at: where it is, what to call it, and the message it came in. */
export interface ChatFile {
  url: string;
  name: string;
  kind: SubmissionInput['attachments'][number]['kind'];
  declaredSize?: number;
  messageId: string;
  /** For the log only: who sent it where. */
  from: string;
  chat: string;
}

/** A problem to tell the sender once the submission has its code. */
export interface FileProblem {
  messageId: string;
  text: (code: string) => string;
}

/**
 * Downloads the files of a Zalo submission (either desk) from the platform's file hosts only. What
 * failed is told to the sender; a file that could not be fetched is kept by its address (an editor can
 * fetch it while Zalo keeps it), one refused by host or type is not kept at all.
 */
export async function fetchChatFiles(files: readonly ChatFile[], media: MediaStore, download: Download, now: Date, log: Logger): Promise<{ attachments: SubmissionInput['attachments']; problems: FileProblem[] }> {
  const attachments: SubmissionInput['attachments'] = [];
  const problems: FileProblem[] = [];
  for (const file of files) {
    const { name, messageId } = file;
    const got = await downloadMedia(file.url, name, file.declaredSize, media, now, download);
    if (got.ok) attachments.push({ kind: got.kind, ref: got.ref, name: got.name, messageId });
    else if (got.reason === 'too_large') problems.push({ messageId, text: (code) => message('vi', 'media_too_large', { file: name, ...sizeAgainstLimit(got.size, media.maxBytes), code }) });
    else if (got.reason === 'refused_type') problems.push({ messageId, text: (code) => message('vi', 'media_refused_type', { file: name, type: got.type, code }) });
    else if (got.reason === 'refused_host') {
      // Not kept even by its address: an editor must not be handed a link into our own network.
      log.warn({ host: got.host, from: file.from, chat: file.chat }, 'Zalo attachment refused: its URL is not on Zalo’s file hosts (ZALO_MEDIA_HOSTS)');
      problems.push({ messageId, text: (code) => message('vi', 'media_refused_host', { file: name, code }) });
    } else {
      attachments.push({ kind: file.kind, ref: `zalo-url:${file.url}`, name, messageId });
      problems.push({ messageId, text: (code) => message('vi', 'media_unavailable', { file: name, code }) });
    }
  }
  return { attachments, problems };
}
