/**
 * The one media reference format: what intake writes, and what the portal, the API and the mirrors read.
 *
 * A stored file is `yyyy-mm/<sha-256>.<ext>`: the month it was received (UTC), its content hash, and the
 * extension of the type sniffed from its bytes. The file lies at that path under the media folder.
 *
 * Until 2026-12 the intake wrote `yyyy/mm/<sha-256>.<ext>` (and put the file at that path). Those refs are
 * read as they are and never rewritten: a revision's content hash covers its refs, and approvals bind to
 * that hash, so rewriting them would silently unbind every decision taken on an item with pictures.
 *
 * Anything else is not a file we can serve: a platform reference kept because the download failed
 * (`telegram-file:…`, `zalo-url:…`) or a shape nobody writes. Readers never drop those silently:
 * `mediaProblems` names them so cards, the API and the log can say so.
 */

import { message, type Lang } from './messages.js';

/** How the portal shows a stored file. */
export type MediaKind = 'image' | 'video' | 'audio' | 'file';

/** What the chat desks call a file on a review card. */
export type IntakeKind = 'photo' | 'video' | 'document';

interface TypeRow {
  kind: MediaKind;
  type: string;
  /** The intake takes files of this type in; the others are only read (older or hand-made refs). */
  intake?: IntakeKind;
}

/** By extension, as `file-type` names them. */
const TYPES: Readonly<Record<string, TypeRow>> = {
  jpg: { kind: 'image', type: 'image/jpeg', intake: 'photo' },
  jpeg: { kind: 'image', type: 'image/jpeg' },
  png: { kind: 'image', type: 'image/png', intake: 'photo' },
  webp: { kind: 'image', type: 'image/webp', intake: 'photo' },
  gif: { kind: 'image', type: 'image/gif' },
  mp4: { kind: 'video', type: 'video/mp4', intake: 'video' },
  mov: { kind: 'video', type: 'video/quicktime', intake: 'video' },
  webm: { kind: 'video', type: 'video/webm' },
  mp3: { kind: 'audio', type: 'audio/mpeg' },
  m4a: { kind: 'audio', type: 'audio/mp4' },
  ogg: { kind: 'audio', type: 'audio/ogg' },
  pdf: { kind: 'file', type: 'application/pdf', intake: 'document' },
  doc: { kind: 'file', type: 'application/msword' },
  docx: { kind: 'file', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', intake: 'document' },
  xls: { kind: 'file', type: 'application/vnd.ms-excel' },
  xlsx: { kind: 'file', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', intake: 'document' },
  pptx: { kind: 'file', type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', intake: 'document' },
  // Word, Excel and PowerPoint before 2007 share one container that the bytes cannot tell apart.
  cfb: { kind: 'file', type: 'application/octet-stream', intake: 'document' },
  zip: { kind: 'file', type: 'application/zip' },
};

const CURRENT = /^(\d{4})-(\d{2})\/([a-f0-9]{64})\.([a-z0-9]{2,5})$/;
const LEGACY = /^(\d{4})\/(\d{2})\/([a-f0-9]{64})\.([a-z0-9]{2,5})$/;
const PLATFORM = /^[a-z][a-z-]*:/;

export interface StoredMedia {
  /** As stored in the revision; also the file's path under the media folder and under `/media/`. */
  ref: string;
  kind: MediaKind;
  type: string;
}

export type MediaRefProblem = 'platform_ref' | 'unknown_shape' | 'unknown_type';

export type ParsedMediaRef = { ok: true; media: StoredMedia } | { ok: false; ref: string; problem: MediaRefProblem };

/** The intake kind of a sniffed extension, or null when the intake does not take that type. */
export function intakeKindOf(ext: string): IntakeKind | null {
  return TYPES[ext]?.intake ?? null;
}

/** The ref of a file received at `at`, with this content hash and sniffed extension. */
export function makeMediaRef(sha256: string, ext: string, at: Date): string {
  if (!/^[a-f0-9]{64}$/.test(sha256) || !TYPES[ext]) throw new Error(`not a storable file: ${sha256}.${ext}`);
  return `${at.toISOString().slice(0, 7)}/${sha256}.${ext}`;
}

export function parseMediaRef(ref: string): ParsedMediaRef {
  const m = CURRENT.exec(ref) ?? LEGACY.exec(ref);
  if (!m) return { ok: false, ref, problem: PLATFORM.test(ref) ? 'platform_ref' : 'unknown_shape' };
  const known = TYPES[m[4]!];
  if (!known) return { ok: false, ref, problem: 'unknown_type' };
  return { ok: true, media: { ref, kind: known.kind, type: known.type } };
}

/** The file a ref names, or null when it names none we can serve. */
export function storedMedia(ref: string): StoredMedia | null {
  const parsed = parseMediaRef(ref);
  return parsed.ok ? parsed.media : null;
}

/** Sorts a revision's refs into what can be served and what cannot (in order, nothing left out). */
export function sortMediaRefs(refs: readonly string[]): { media: StoredMedia[]; problems: { ref: string; problem: MediaRefProblem }[] } {
  const media: StoredMedia[] = [];
  const problems: { ref: string; problem: MediaRefProblem }[] = [];
  for (const ref of refs) {
    const parsed = parseMediaRef(ref);
    if (parsed.ok) media.push(parsed.media);
    else problems.push({ ref: parsed.ref, problem: parsed.problem });
  }
  return { media, problems };
}

/** The line a review card carries when some files cannot be shown, so the publisher knows before publishing. */
export function mediaWarning(lang: Lang, files: readonly { ref: string; name?: string }[]): string {
  const problems = sortMediaRefs(files.map((f) => f.ref)).problems;
  if (problems.length === 0) return '';
  const named = problems.map((p) => {
    const why = message(lang, `media_problem_${p.problem}`);
    const name = files.find((f) => f.ref === p.ref)?.name;
    return name ? `${name} (${why})` : why;
  });
  return message(lang, 'card_media_unservable', { count: String(problems.length), files: named.join('; ') });
}
