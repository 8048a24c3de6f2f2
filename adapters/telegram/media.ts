import type { Api } from 'grammy';
import { DownloadStopped, downloadMedia, type FetchedFile, type MediaStore } from '../../src/store/mediaFiles.js';

export type { MediaStore } from '../../src/store/mediaFiles.js';

export interface IncomingFile {
  fileId: string;
  name: string;
  declaredSize: number | undefined;
}

/** Downloads a Telegram file into media storage. The token is in the download URL, so the URL is never logged. */
export async function fetchFile(api: Api, fileRoot: string, file: IncomingFile, media: MediaStore, now: Date): Promise<FetchedFile> {
  if (file.declaredSize !== undefined && file.declaredSize > media.maxBytes) return { ok: false, reason: 'too_large', size: file.declaredSize };
  try {
    const info = await api.getFile(file.fileId);
    if (!info.file_path) return { ok: false, reason: 'unavailable' };
    return await downloadMedia(`${fileRoot}/${info.file_path}`, file.name, file.declaredSize, media, now);
  } catch (error) {
    // Stopping: the message is taken again at the next start, its file with it.
    if (error instanceof DownloadStopped) throw error;
    return { ok: false, reason: 'unavailable' };
  }
}
