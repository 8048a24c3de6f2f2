/**
 * An agency's request to post a draft, checked before anything is stored. Pure: the clock's reading and
 * the file's sniffed type come in as values.
 */
import { AGENCY_MAX, SECTIONS_MAX, SECTION_TEXT_MAX, TITLE_MAX } from './model.js';

/** What a draft may be: the file's type as sniffed from its bytes, never its name. */
export const DRAFT_FILE_TYPES = ['pdf', 'docx'] as const;

export interface DraftRequest {
  siteId: string;
  title: string;
  agency: string;
  contactEmail: string;
  sections: { title: string; text?: string }[];
  closesAt: Date;
  /** Null: opens at once. */
  opensAt?: Date | null;
}

export type DraftRefusal =
  | 'consultation_title_required'
  | 'consultation_title_too_long'
  | 'consultation_agency_required'
  | 'consultation_agency_too_long'
  | 'consultation_bad_contact'
  | 'consultation_sections_required'
  | 'consultation_too_many_sections'
  | 'consultation_section_title_required'
  | 'consultation_section_too_long'
  | 'consultation_closes_in_past'
  | 'consultation_closes_before_opening'
  | 'consultation_bad_file';

export interface CleanDraft {
  title: string;
  agency: string;
  contactEmail: string;
  sections: { position: number; title: string; text: string }[];
  opensAt: Date;
  closesAt: Date;
}

const EMAIL = /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/;
const chars = (s: string) => [...s].length;
const tidy = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The first problem, with what the message needs; or the draft tidied (NFC, spaces), sections numbered from 1. */
export function checkDraft(d: DraftRequest, sniffed: string | null, now: Date): { ok: true; value: CleanDraft } | { ok: false; reason: DraftRefusal; detail?: Record<string, string> } {
  const title = tidy(d.title);
  const agency = tidy(d.agency);
  const contactEmail = d.contactEmail.trim();
  if (title === '') return { ok: false, reason: 'consultation_title_required' };
  if (chars(title) > TITLE_MAX) return { ok: false, reason: 'consultation_title_too_long', detail: { max: String(TITLE_MAX) } };
  if (agency === '') return { ok: false, reason: 'consultation_agency_required' };
  if (chars(agency) > AGENCY_MAX) return { ok: false, reason: 'consultation_agency_too_long', detail: { max: String(AGENCY_MAX) } };
  if (!EMAIL.test(contactEmail)) return { ok: false, reason: 'consultation_bad_contact', detail: { email: contactEmail } };
  if (d.sections.length === 0) return { ok: false, reason: 'consultation_sections_required' };
  if (d.sections.length > SECTIONS_MAX) return { ok: false, reason: 'consultation_too_many_sections', detail: { max: String(SECTIONS_MAX) } };
  const sections: CleanDraft['sections'] = [];
  for (const [i, s] of d.sections.entries()) {
    const sectionTitle = tidy(s.title);
    const text = (s.text ?? '').normalize('NFC').replace(/\r\n?/g, '\n').trim();
    if (sectionTitle === '') return { ok: false, reason: 'consultation_section_title_required', detail: { n: String(i + 1) } };
    if (chars(sectionTitle) > TITLE_MAX || chars(text) > SECTION_TEXT_MAX) return { ok: false, reason: 'consultation_section_too_long', detail: { n: String(i + 1) } };
    sections.push({ position: i + 1, title: sectionTitle, text });
  }
  const opensAt = d.opensAt ?? now;
  if (d.closesAt <= now) return { ok: false, reason: 'consultation_closes_in_past' };
  if (d.closesAt <= opensAt) return { ok: false, reason: 'consultation_closes_before_opening' };
  if (sniffed === null || !(DRAFT_FILE_TYPES as readonly string[]).includes(sniffed)) return { ok: false, reason: 'consultation_bad_file', detail: { type: sniffed ?? '?' } };
  return { ok: true, value: { title, agency, contactEmail, sections, opensAt, closesAt: d.closesAt } };
}
