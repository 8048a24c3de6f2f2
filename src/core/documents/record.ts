/**
 * A document as the library files it (issue 20.4): number and symbol, type, issuing agency, signer, dates and
 * field. Pure: what a person typed is checked here, field by field, so every problem is named at once.
 */
import { typedDay } from '../dates.js';
import { cleanText, NAME_MAX } from '../names.js';
import { fold } from '../search.js';

/** Loại văn bản: keys in addresses and the API, names as the province writes them. */
export const DOCUMENT_TYPES = {
  'quyet-dinh': { vi: 'Quyết định', en: 'Decision' },
  'nghi-quyet': { vi: 'Nghị quyết', en: 'Resolution' },
  'chi-thi': { vi: 'Chỉ thị', en: 'Directive' },
  'cong-van': { vi: 'Công văn', en: 'Official letter' },
  'ke-hoach': { vi: 'Kế hoạch', en: 'Plan' },
  'thong-bao': { vi: 'Thông báo', en: 'Notice' },
  'bao-cao': { vi: 'Báo cáo', en: 'Report' },
  'to-trinh': { vi: 'Tờ trình', en: 'Submission' },
  'huong-dan': { vi: 'Hướng dẫn', en: 'Guidance' },
  'chuong-trinh': { vi: 'Chương trình', en: 'Programme' },
  'thong-tu': { vi: 'Thông tư', en: 'Circular' },
  'nghi-dinh': { vi: 'Nghị định', en: 'Decree' },
  luat: { vi: 'Luật', en: 'Law' },
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;
export const DOCUMENT_TYPE_KEYS = Object.keys(DOCUMENT_TYPES) as DocumentType[];

/** The longest number and symbol: "123/2026/QĐ-UBND" is 16; a long joint one is under 60. */
export const NUMBER_MAX = 60;

/** No document of the state is issued before its founding (2 September 1945): an earlier day is a typing slip (01/01/1900). */
export const FIRST_ISSUE_DAY = '1945-09-02';
/** An effective date further than this after the issue date is taken for a slip of the year (2036 for 2026). */
export const EFFECTIVE_MAX_YEARS = 10;
/** The same month and day `years` later (YYYY-MM-DD compare as text). */
const yearsAfter = (day: string, years: number) => `${String(Number(day.slice(0, 4)) + years).padStart(4, '0')}${day.slice(4)}`;

/** Letters and digits, then letters, digits and the separators numbers use ("/", "-", "."), nothing invisible. */
const NUMBER = /^[\p{L}\p{N}][\p{L}\p{N}/.\-]*$/u;

/** A type as typed: its key, or its Vietnamese or English name with or without marks ("Quyết định", "quyet dinh"). */
export function documentTypeOf(given: string): DocumentType | null {
  const folded = fold(given).replace(/[\s_]+/g, '-');
  if ((DOCUMENT_TYPE_KEYS as string[]).includes(folded)) return folded as DocumentType;
  return DOCUMENT_TYPE_KEYS.find((k) => fold(DOCUMENT_TYPES[k].vi).replace(/\s+/g, '-') === folded || fold(DOCUMENT_TYPES[k].en).replace(/\s+/g, '-') === folded) ?? null;
}

/**
 * A number folded for the index: no case, no marks, no spaces ("123/QĐ-UBND" → "123/qd-ubnd"); full-width and other
 * compatibility forms as their plain letters first (NFKC: "６/KH" is "6/kh"), so a number typed on another keyboard is
 * the same document.
 */
export const numberKey = (number: string): string => fold(number.normalize('NFKC')).replace(/\s+/g, '');
/** A name folded for equality filters (agency, signer, field), compatibility forms as their plain letters. */
export const nameKey = (name: string): string => fold(name.normalize('NFKC'));

export interface DocumentInput {
  number: string;
  type: string;
  agency: string;
  signer: string;
  field: string;
  /** dd/mm/yyyy as typed. */
  issued: string;
  effective?: string | null;
}

export interface DocumentMeta {
  number: string;
  numberKey: string;
  docType: DocumentType;
  agency: string;
  signer: string;
  field: string;
  /** YYYY-MM-DD. */
  issuedOn: string;
  effectiveOn: string | null;
}

/** One field's problem: the message key and what it names. */
export interface FieldProblem {
  reason: string;
  detail: Record<string, string>;
}

/**
 * The metadata checked: every problem at once (a clerk fixes them in one go), or the cleaned values. `today`
 * (YYYY-MM-DD, the province's) bounds the issue date: a document is not issued in the future.
 */
export function checkDocument(input: DocumentInput, today: string): { ok: true; value: DocumentMeta } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const number = cleanText(input.number, NUMBER_MAX);
  if (number === null || !NUMBER.test(number)) problems.push({ reason: 'doc_bad_number', detail: { max: String(NUMBER_MAX) } });
  const docType = documentTypeOf(input.type);
  if (docType === null) problems.push({ reason: 'doc_bad_type', detail: { given: input.type, types: DOCUMENT_TYPE_KEYS.join(', ') } });
  const named = (value: string, field: string) => {
    const v = cleanText(value, NAME_MAX);
    if (v === null) problems.push({ reason: 'doc_bad_name', detail: { field, max: String(NAME_MAX) } });
    return v ?? '';
  };
  const agency = named(input.agency, '--agency');
  const signer = named(input.signer, '--signer');
  const field = named(input.field, '--field');
  const issuedOn = typedDay(input.issued);
  if (issuedOn === null || !/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(input.issued.trim())) problems.push({ reason: 'doc_bad_date', detail: { field: '--issued', given: input.issued } });
  else if (issuedOn > today) problems.push({ reason: 'doc_issued_future', detail: { given: input.issued } });
  else if (issuedOn < FIRST_ISSUE_DAY) problems.push({ reason: 'doc_issued_too_early', detail: { given: input.issued, first: '02/09/1945' } });
  const effectiveText = input.effective?.trim() ?? '';
  const effectiveOn = effectiveText === '' ? null : typedDay(effectiveText);
  if (effectiveText !== '' && (effectiveOn === null || !/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(effectiveText))) problems.push({ reason: 'doc_bad_date', detail: { field: '--effective', given: effectiveText } });
  else if (effectiveOn !== null && issuedOn !== null && effectiveOn < issuedOn) problems.push({ reason: 'doc_effective_before_issued', detail: { issued: input.issued.trim(), effective: effectiveText } });
  else if (effectiveOn !== null && issuedOn !== null && effectiveOn > yearsAfter(issuedOn, EFFECTIVE_MAX_YEARS)) problems.push({ reason: 'doc_effective_too_late', detail: { issued: input.issued.trim(), effective: effectiveText, years: String(EFFECTIVE_MAX_YEARS) } });
  if (problems.length > 0 || number === null || docType === null || issuedOn === null) return { ok: false, problems };
  return { ok: true, value: { number, numberKey: numberKey(number), docType, agency, signer, field, issuedOn, effectiveOn } };
}
