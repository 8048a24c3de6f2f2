import type { AuditEntry, ItemRecord, NewItem } from '../ports.js';
import type { DocumentMeta, DocumentType } from '../../core/documents/record.js';

/** What reading a file's text gave: its text, nothing (a scan), or a file that could not be read (broken, encrypted). */
export type ExtractedText =
  | { state: 'read'; text: string }
  | { state: 'empty' }
  /** `overBudget`: the file is fine to keep but too big to read (a DOCX that unpacks to hundreds of MB, a PDF that takes too long), naming the budget. */
  | { state: 'unreadable'; reason: string; overBudget?: string };

/** Reads the text out of a PDF or DOCX (adapters/documents): the libraries stay behind this port. */
export interface TextExtractor {
  extract(bytes: Buffer, ext: 'pdf' | 'docx'): Promise<ExtractedText>;
}

export interface NewDocumentRecord extends DocumentMeta {
  fileRef: string | null;
  fileName: string | null;
  /** Folded, bounded (src/app/documents/add.ts). */
  text: string;
  textState: ExtractedText['state'] | 'none';
}

/** A live document as the library, the article and the API show it. */
export interface DocumentRow extends Omit<DocumentMeta, 'numberKey'> {
  itemId: string;
  code: string;
  siteId: string;
  title: string;
  lang: string;
  fileRef: string | null;
  fileName: string | null;
  publishedAt: Date;
}

/** The library's filters, already checked and folded (src/app/documents/library.ts). */
export interface DocumentFilter {
  siteIds?: string[];
  /** Folded; `numberPrefix` true: every number starting with it. */
  numberKey?: string;
  numberPrefix?: boolean;
  docType?: DocumentType;
  /** Folded; matched as a part of the folded name ("so y te" in "so y te tinh dong nai"). */
  agencyKey?: string;
  signerKey?: string;
  fieldKey?: string;
  year?: number;
  /** Only these items (a word of the text, found by the search engine first). */
  itemIds?: string[];
  offset: number;
  limit: number;
}

export interface DocumentStore {
  /**
   * The item (at the editor step, like one an editor writes) and its record, in one transaction with its audit row,
   * unless a document with the same number and agency stands on the site (standingDocument), checked in that
   * transaction with the site's documents held: two adds of one document at once make one.
   */
  createDocumentItem(item: NewItem, record: NewDocumentRecord, audit: AuditEntry): Promise<{ created: ItemRecord } | { standing: { code: string; state: string } }>;
  /** Live documents matching, newest issue date first. */
  documentLibrary(filter: DocumentFilter): Promise<{ rows: DocumentRow[]; total: number }>;
  /**
   * A document on the site with this number and issuing agency (both folded) that still stands: published, in
   * review or scheduled (not taken down, not rejected). Null when there is none: the same one may be logged again.
   */
  standingDocument(siteId: string, numberKey: string, agencyKey: string): Promise<{ code: string; state: string } | null>;
  /** A live document's record, or null (not a document, not published, taken down). */
  liveDocument(itemId: string): Promise<DocumentRow | null>;
}
