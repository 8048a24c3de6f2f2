import { draftPath } from '../../core/consultations/paths.js';
import { summaryOf, type Summary } from '../../core/consultations/summary.js';
import type { ConsultationRecord } from '../../core/consultations/model.js';
import { formatLocal } from '../../core/dates.js';
import { bilingual, message } from '../../core/messages.js';
import type { ConsultationEnv } from './env.js';

export const summaryFileNames = (slug: string) => ({ docx: `tong-hop-y-kien-${slug}.docx`, xlsx: `danh-sach-gop-y-${slug}.xlsx` });

/**
 * The job (`consultations-close`, every minute): closes every draft past its deadline, exactly once
 * (the store moves open → closed for one caller only), then finishes every closed draft whose summary
 * is not yet made, stored and queued for the agency. The second half reads the database, not what the
 * first half did: a crash between the close and the summary leaves a closed draft without one, and the
 * next run finishes it. Each step is written once — the files by a guarded update, the mail by its
 * purpose, the chat line by the one call that marks the mail queued.
 */
export async function closeDue(env: ConsultationEnv): Promise<{ closed: number; summarised: number }> {
  const { store } = env.deps;
  const now = env.deps.clock();
  let closed = 0;
  for (const c of await store.dueConsultations(now)) {
    const audit = { at: now, actorId: null, action: 'consultation_closed', subjectType: 'consultation', subjectId: c.id, data: { slug: c.slug, closesAt: c.closesAt.toISOString() } };
    if (await store.closeConsultation(c.id, now, audit)) closed += 1;
  }
  let summarised = 0;
  const failures: unknown[] = [];
  // One draft whose summary fails (a full disk) does not hold back the others; the job reports it and retries next run.
  for (const c of await store.consultationsWithoutSummary()) {
    try {
      if (await finishSummary(env, c)) summarised += 1;
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length) throw new AggregateError(failures, `${failures.length} consultation summaries not finished; retried next run`);
  return { closed, summarised };
}

/** Makes what is missing of one closed draft's summary. True when this call queued the mail. */
async function finishSummary(env: ConsultationEnv, c: ConsultationRecord): Promise<boolean> {
  const { store } = env.deps;
  const found = await store.consultationById(c.id);
  if (!found) return false;
  let current = found.consultation;
  const comments = await store.consultationComments(c.id);
  const summary = summaryOf(current, found.sections, comments, env.publicName);
  if (current.summaryDocxRef === null || current.summaryXlsxRef === null) {
    const at = env.deps.clock();
    const names = summaryFileNames(current.slug);
    const [docx, xlsx] = await Promise.all([env.office.docx(summary, env.deps.timeZone), env.office.xlsx(summary, env.deps.timeZone)]);
    const refs = { docx: await env.files.keep(docx, names.docx, at), xlsx: await env.files.keep(xlsx, names.xlsx, at) };
    await store.setConsultationSummary(c.id, refs, {
      at,
      actorId: null,
      action: 'consultation_summary_stored',
      subjectType: 'consultation',
      subjectId: c.id,
      data: { slug: current.slug, docx: refs.docx, xlsx: refs.xlsx, comments: summary.total, leftOut: summary.leftOut },
    });
    // Whoever stored first, the stored refs are the ones sent and linked.
    current = (await store.consultationById(c.id))?.consultation ?? current;
  }
  if (current.summarySentAt !== null || current.summaryDocxRef === null || current.summaryXlsxRef === null) return false;
  const at = env.deps.clock();
  const url = `${env.portalBaseUrl}${draftPath('vi', current.slug)}`;
  const names = summaryFileNames(current.slug);
  await store.queueMail(
    {
      purpose: `consultation:${current.id}:summary`,
      to: current.contactEmail,
      subject: message('vi', 'consultation_mail_subject', { title: current.title }),
      text: mailText(current, summary, url, env.deps.timeZone),
      attachments: [
        { filename: names.docx, ref: current.summaryDocxRef },
        { filename: names.xlsx, ref: current.summaryXlsxRef },
      ],
    },
    at,
  );
  if (!(await store.markConsultationSummarySent(current.id, at))) return false;
  env.tell(bilingual('consultation_chat_closed', { title: current.title, n: String(summary.total), email: current.contactEmail, url }));
  return true;
}

/** Vietnamese first, then English, as every mail the hub sends to an agency. */
function mailText(c: ConsultationRecord, summary: Summary, url: string, timeZone: string): string {
  const detail = { agency: c.agency, title: c.title, closed: formatLocal(summary.closedAt, timeZone), n: String(summary.total), url };
  return `${message('vi', 'consultation_mail_text', detail)}\n\n—\n\n${message('en', 'consultation_mail_text', detail)}\n`;
}
