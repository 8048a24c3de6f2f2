import type { ConsultationFiles } from '../app/consultations/ports.js';
import { keepMedia, type MediaStore } from './mediaFiles.js';

/** A draft's file and the summaries in media storage, the way intake keeps files: named by content, typed by bytes. */
export function consultationFiles(media: Pick<MediaStore, 'dir' | 'maxBytes'>): ConsultationFiles {
  return {
    maxBytes: media.maxBytes,
    async sniff(bytes) {
      return (await (await import('file-type')).fileTypeFromBuffer(bytes))?.ext ?? null;
    },
    async keep(bytes, name, at) {
      const kept = await keepMedia(bytes, name, media, at);
      // Only files sniffed as PDF, DOCX or XLSX come here: any other outcome is a fault of ours.
      if (!kept.ok) throw new Error(`media storage refused ${name}: ${kept.reason}`);
      return kept.ref;
    },
  };
}
