/** How the portal shows a stored file, told by its extension (the intake stored it under its sniffed type). */
export type MediaKind = 'image' | 'video' | 'audio' | 'file';

const TYPES: Record<string, { kind: MediaKind; type: string }> = {
  jpg: { kind: 'image', type: 'image/jpeg' },
  jpeg: { kind: 'image', type: 'image/jpeg' },
  png: { kind: 'image', type: 'image/png' },
  webp: { kind: 'image', type: 'image/webp' },
  gif: { kind: 'image', type: 'image/gif' },
  mp4: { kind: 'video', type: 'video/mp4' },
  webm: { kind: 'video', type: 'video/webm' },
  mov: { kind: 'video', type: 'video/quicktime' },
  mp3: { kind: 'audio', type: 'audio/mpeg' },
  m4a: { kind: 'audio', type: 'audio/mp4' },
  ogg: { kind: 'audio', type: 'audio/ogg' },
  pdf: { kind: 'file', type: 'application/pdf' },
  doc: { kind: 'file', type: 'application/msword' },
  docx: { kind: 'file', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xls: { kind: 'file', type: 'application/vnd.ms-excel' },
  xlsx: { kind: 'file', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  zip: { kind: 'file', type: 'application/zip' },
};

/** A stored file: `yyyy-mm/<sha-256>.<ext>`. Anything else (a platform reference kept for editors) is not public. */
const STORED_REF = /^\d{4}-\d{2}\/[a-f0-9]{64}\.([a-z0-9]{2,5})$/;

export interface PublicMedia {
  ref: string;
  kind: MediaKind;
  type: string;
}

export function publicMedia(ref: string): PublicMedia | null {
  const ext = STORED_REF.exec(ref)?.[1];
  const known = ext ? TYPES[ext] : undefined;
  return known ? { ref, ...known } : null;
}

/** Widths offered to phones; a request for any other width is refused rather than resized on demand. */
export const IMAGE_WIDTHS: readonly number[] = [320, 640, 960];

/** Only these are resized: GIFs may be animated, and the others are not images. */
export const RESIZABLE: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp']);
