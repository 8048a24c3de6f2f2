import { limitText } from '../../core/fileSize.js';
import { checkDraft, type DraftRequest } from '../../core/consultations/draft.js';
import { acceptsComments, slugFor, type CommentRecord } from '../../core/consultations/model.js';
import { ok, refuse, type Outcome } from '../../core/result.js';
import type { Deps } from '../deps.js';
import type { ConsultationFiles, ConsultationWithSections } from './ports.js';

/**
 * An agency's request to post a draft (seed Điều 13.2): checked whole before anything is kept — a
 * closing time in the past, no sections, a file that is neither PDF nor DOCX by its bytes — then the
 * file is stored as media and the draft with its sections in one audited write.
 */
export async function postDraft(deps: Deps, files: ConsultationFiles, actorId: string | null, request: DraftRequest, file: { bytes: Buffer; name: string }): Promise<Outcome<ConsultationWithSections>> {
  const now = deps.clock();
  if (!(await deps.store.siteById(request.siteId))) return refuse('unknown_site', { site: request.siteId });
  if (file.bytes.length > files.maxBytes) return refuse('consultation_file_too_large', { max: limitText(files.maxBytes) });
  const checked = checkDraft(request, await files.sniff(file.bytes), now);
  if (!checked.ok) return refuse(checked.reason, checked.detail);
  const d = checked.value;
  const documentRef = await files.keep(file.bytes, file.name, now);
  for (let attempt = 1; ; attempt += 1) {
    const base = slugFor(d.title, () => false);
    const taken = new Set(await deps.store.consultationSlugs(base));
    const slug = slugFor(d.title, (s) => taken.has(s));
    const created = await deps.store.createConsultation(
      { slug, siteId: request.siteId, title: d.title, agency: d.agency, contactEmail: d.contactEmail, documentRef, documentName: file.name, opensAt: d.opensAt, closesAt: d.closesAt, createdById: actorId, createdAt: now, sections: d.sections },
      { at: now, actorId, action: 'consultation_posted', subjectType: 'consultation', subjectId: '', data: { title: d.title, agency: d.agency, document: documentRef } },
    );
    if (created) return ok(created);
    // Another draft of the same title took the slug a moment ago: choose again.
    if (attempt >= 5) throw new Error(`no free address for the draft “${d.title}”`);
  }
}

/** `senderEmail`: optional, kept for the agency's questions, never published. */
export interface CommentInput {
  name: string;
  email: string | null;
  text: string;
}

const EMAIL = /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/;

/**
 * A citizen's comment on one section, from the portal form (whose token, rate and length checks ran
 * already). Taken only while the draft is open and before its deadline, whether or not the closing job
 * has run; it waits for a moderator.
 */
export async function commentOnDraft(deps: Deps, slug: string, position: number, input: CommentInput, dedupeKey: string): Promise<Outcome<CommentRecord>> {
  const found = await deps.store.consultationBySlug(slug);
  const section = found?.sections.find((s) => s.position === position);
  if (!found || !section) return refuse('consultation_unknown', { slug });
  const now = deps.clock();
  if (!acceptsComments(found.consultation, now)) return refuse('consultation_form_closed');
  if (input.name.trim() === '') return refuse('consultation_form_name_required');
  if (input.text.trim() === '') return refuse('consultation_form_text_required');
  const email = input.email?.trim() || null;
  if (email !== null && !EMAIL.test(email)) return refuse('consultation_form_bad_email');
  const { comment } = await deps.store.addConsultationComment({
    consultationId: found.consultation.id,
    sectionId: section.id,
    dedupeKey,
    authorName: input.name.trim(),
    senderEmail: email,
    senderContact: {},
    text: input.text.trim(),
    receivedAt: now,
  });
  return ok(comment);
}
