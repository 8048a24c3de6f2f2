import { fileTypeFromBuffer } from 'file-type';
import { contentHash } from '../../core/content.js';
import { localDay, shownDay } from '../../core/dates.js';
import { checkDocument, DOCUMENT_TYPES, nameKey, type DocumentInput, type FieldProblem } from '../../core/documents/record.js';
import { holdsRole } from '../../core/grants.js';
import { cleanText } from '../../core/names.js';
import { fold } from '../../core/search.js';
import { sizeAgainstLimit } from '../../core/fileSize.js';
import { keepMedia, type MediaStore } from '../../store/mediaFiles.js';
import { yearIn, type Deps } from '../deps.js';
import type { ItemRecord } from '../ports.js';
import type { ExtractedText, NewDocumentRecord, TextExtractor } from './ports.js';

/** Past this a file is refused whatever MEDIA_MAX_MB allows: a province's decision with its annexes fits well under it. */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;
/** The text kept for search: enough for every word of a long decision, bounded so one file cannot fill the index. */
export const DOCUMENT_TEXT_MAX = 200_000;
const TITLE_MAX = 500;

export interface DocumentsEnv {
  deps: Deps;
  media: MediaStore;
  extractor: TextExtractor;
}

/** The file as given: its size first, so one too big is refused before it is read. */
export interface GivenFile {
  name: string;
  size: number;
  /** At most `max` bytes (the limit and one more: a file that grew past it is seen to, never read to its end). */
  read: (max: number) => Promise<Buffer>;
}

export interface DocumentByHand extends DocumentInput {
  /** Trích yếu: the article's title. */
  title: string;
  body?: string;
  siteKey: string;
  /** The editor who logs it: its originator, so another editor approves it. */
  loggedById: string;
  file: GivenFile | null;
}

export type AddedDocument = { ok: true; item: ItemRecord; text: ExtractedText | { state: 'none' } } | { ok: false; problems: FieldProblem[] };

const refused = (reason: string, detail: Record<string, string> = {}): AddedDocument => ({ ok: false, problems: [{ reason, detail }] });

/**
 * A document typed in by an editor (Điều 10.4: what editors write skips intake) with its metadata and file: it
 * starts at the editor step and walks the approval chain like any item. Every check comes before anything is
 * kept, so a refusal leaves nothing half-stored: no file in the media folder, no item.
 */
export async function addDocument(env: DocumentsEnv, input: DocumentByHand): Promise<AddedDocument> {
  const { deps } = env;
  const now = deps.clock();
  const checked = checkDocument(input, localDay(now, deps.timeZone));
  const problems = checked.ok ? [] : [...checked.problems];
  const title = cleanText(input.title, TITLE_MAX);
  if (title === null) problems.push({ reason: 'doc_title_required', detail: { max: String(TITLE_MAX) } });
  const limit = Math.min(DOCUMENT_MAX_BYTES, env.media.maxBytes);
  if (input.file && input.file.size > limit) problems.push({ reason: 'doc_file_too_large', detail: { file: input.file.name, ...sizeAgainstLimit(input.file.size, limit) } });
  if (!checked.ok || title === null || problems.length > 0) return { ok: false, problems };

  const site = await deps.store.siteByKey(input.siteKey);
  if (!site) return refused('unknown_site', { site: input.siteKey });
  if (!holdsRole(await deps.store.grantsOf(input.loggedById), input.loggedById, site.id, 'editor', now)) return refused('doc_editor_only', { site: site.key });

  // The same number from the same agency is one document: a second is a slip (logged twice), unless the first was taken down.
  const m0 = checked.value;
  const standing = await deps.store.standingDocument(site.id, m0.numberKey, nameKey(m0.agency));
  if (standing) return refused('doc_duplicate', { number: m0.number, agency: m0.agency, code: standing.code, site: site.key });

  let bytes: Buffer | null = null;
  let ext: 'pdf' | 'docx' | null = null;
  if (input.file) {
    bytes = await input.file.read(limit + 1);
    // The size again, as read: the file may have grown since it was measured.
    if (bytes.length > limit) return refused('doc_file_too_large', { file: input.file.name, ...sizeAgainstLimit(bytes.length, limit) });
    const sniffed = await fileTypeFromBuffer(bytes);
    if (sniffed?.ext !== 'pdf' && sniffed?.ext !== 'docx') return refused('doc_file_type', { file: input.file.name, type: sniffed?.mime ?? 'không rõ / unknown' });
    ext = sniffed.ext;
  }

  const text: ExtractedText | { state: 'none' } = bytes && ext ? await env.extractor.extract(bytes, ext) : { state: 'none' };
  // Kept last of all checks, and before the item: a file without an item is only a spare copy under its hash.
  const kept = bytes && input.file ? await keepMedia(bytes, input.file.name, env.media, now) : null;
  if (kept && !kept.ok) return refused('doc_file_type', { file: input.file?.name ?? '', type: kept.reason === 'refused_type' ? kept.type : kept.reason });
  const fileRef = kept?.ok ? kept.ref : null;
  const record: NewDocumentRecord = {
    ...checked.value,
    fileRef,
    fileName: input.file?.name ?? null,
    text: text.state === 'read' ? fold(text.text).slice(0, DOCUMENT_TEXT_MAX) : '',
    textState: text.state,
  };
  const m = checked.value;
  // Without a body of its own, the article (and its feed entry and mirrors) says what the document is.
  const body = (input.body ?? '').trim() || `${DOCUMENT_TYPES[m.docType].vi} số ${m.number} ngày ${shownDay(m.issuedOn)} của ${m.agency}; người ký: ${m.signer}.`;
  const content = { title, summary: '', body, language: 'vi', mediaRefs: fileRef ? [fileRef] : [] };
  const made = await deps.store.createDocumentItem(
    {
      siteId: site.id, kind: 'document', category: null, originatorId: input.loggedById, submissionId: null, scheduledAt: null,
      revision: { ...content, contentHash: contentHash(content), authorId: input.loggedById, authorStep: null },
      at: now, codeYear: yearIn(now, deps.timeZone),
    },
    record,
    { at: now, actorId: input.loggedById, action: 'item.write', subjectType: 'item', subjectId: '', data: { site: site.key, kind: 'document', number: record.number, text: text.state } },
  );
  // Logged at the same moment by someone else: the check before was passed by both, the store's lets one through.
  if ('standing' in made) return refused('doc_duplicate', { number: m0.number, agency: m0.agency, code: made.standing.code, site: site.key });
  return { ok: true, item: made.created, text };
}
