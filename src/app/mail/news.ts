import { message } from '../../core/messages.js';
import { sizeAgainstLimit } from '../../core/fileSize.js';
import { keepMedia } from '../../store/mediaFiles.js';
import { submit } from '../intake.js';
import { changeBySender } from '../senderChanges.js';
import type { SubmissionInput, SubmissionRecord } from '../ports.js';
import type { MailEnv } from './env.js';
import type { IncomingBecame, MailIn } from './ports.js';
import { bothLanguages, bothSubjects, threadOf, withoutQuote } from './texts.js';

type Sender = NonNullable<MailIn['from']>;

/** A mail's attachments kept in media storage exactly as chat intake keeps files; what was refused, in both languages. */
export async function keepAttachments(env: MailEnv, mail: MailIn, now: Date): Promise<{ attachments: SubmissionInput['attachments']; refused: { vi: string[]; en: string[] } }> {
  const attachments: SubmissionInput['attachments'] = [];
  const refused = { vi: [] as string[], en: [] as string[] };
  const limit = env.media.maxBytes;
  for (const a of mail.attachments) {
    if (a.bytes.length > limit) {
      for (const lang of ['vi', 'en'] as const) refused[lang].push(message(lang, 'mail_file_too_large', { file: a.filename, ...sizeAgainstLimit(a.bytes.length, limit) }));
      continue;
    }
    const kept = await keepMedia(a.bytes, a.filename, env.media, now);
    if (kept.ok) attachments.push({ kind: kept.kind, ref: kept.ref, name: kept.name });
    else if (kept.reason === 'refused_type') for (const lang of ['vi', 'en'] as const) refused[lang].push(message(lang, 'mail_file_refused_type', { file: a.filename, type: kept.type }));
  }
  if (refused.vi.length > 0) {
    refused.vi.unshift(message('vi', 'mail_files_refused'));
    refused.en.unshift(message('en', 'mail_files_refused'));
  }
  return { attachments, refused: { vi: refused.vi.length ? [refused.vi.join('\n')] : [], en: refused.en.length ? [refused.en.join('\n')] : [] } };
}

/** The item's text as the desk reads it: the subject is the headline (the first line), the mail its body. */
const itemText = (subject: string, body: string) => [subject.trim(), body.trim()].filter((p) => p !== '').join('\n');

/**
 * A mail to the submission address becomes one submission through the same intake as chat (`submit`):
 * channel `email`, the attachments as media, the sender checked against the hub's people (a person with
 * that address is linked; anyone else is marked as an outside sender on the editors' card). The sender
 * gets a reply with the tracking code, in the thread of their mail.
 */
export async function takeNewsItem(env: MailEnv, mail: MailIn, from: Sender, key: string): Promise<{ became: IncomingBecame; subjectId: string }> {
  const { deps } = env.tickets;
  const now = deps.clock();
  const root = (await deps.store.sites()).find((s) => s.parentId === null);
  if (!root) throw new Error('no root site: run portal-hub init first');
  const person = await deps.store.personByEmail(from.address);
  const { attachments, refused } = await keepAttachments(env, mail, now);
  const text = itemText(mail.subject, mail.text);
  const name = from.name || person?.displayName || message('vi', 'mail_sender_unnamed');
  const { submission, created } = await submit(deps, {
    siteId: root.id,
    channel: 'email',
    chatId: env.submissionsAddress ?? '',
    messageIds: [key],
    senderPlatformId: from.address,
    senderName: name,
    senderPersonId: person?.id ?? null,
    receivedAt: now,
    rawText: text,
    attachments,
    textParts: text === '' ? [] : [{ messageId: key, text }],
    origin: { byMail: { address: from.address, name: from.name, outside: person === null } },
    replyRef: null,
  });
  const code = submission.code ?? '?';
  const title = text.split('\n')[0] ?? '';
  // Queued by purpose: after a crash between the submission and this line, reading the mail again queues it once.
  await deps.store.queueMail(
    {
      purpose: `submission:${submission.id}:received`,
      to: from.address,
      subject: `${bothSubjects('mail_submission_received_subject', { code })}: ${title}`.slice(0, 200),
      text: bothLanguages('mail_submission_received', { code, name, title, files: String(attachments.length) }, refused),
      ...threadOf(mail),
    },
    now,
  );
  if (created) env.desk?.submitted(submission);
  return { became: 'submission', subjectId: submission.id };
}

/**
 * A follow-up mail from the sender about their submission does what a chat answer does (`changeBySender`):
 * before triage (or after "needs more information") the next revision with its new files; later the
 * editors are told and the sender hears where the item stands. Either way a reply in the thread says so.
 */
export async function followUp(env: MailEnv, mail: MailIn, from: Sender, key: string, submission: SubmissionRecord): Promise<{ became: IncomingBecame; subjectId: string }> {
  const { deps } = env.tickets;
  const now = deps.clock();
  const code = submission.code ?? '?';
  const { attachments, refused } = await keepAttachments(env, mail, now);
  const change = { byPlatformId: from.address, messageId: key, text: withoutQuote(mail.text), attachments, kind: 'answer' as const };
  let done = await changeBySender(deps, submission, change);
  // An editor decided between the read and the write: decide again on what is there now.
  if (!done.ok && done.reason === 'already_decided') {
    const again = await deps.store.submissionById(submission.id);
    if (again) done = await changeBySender(deps, again, change);
  }
  const reply = async (tag: string, subjectKey: string, bodyKey: string, detail: Record<string, string>) =>
    deps.store.queueMail({ purpose: `submission:${submission.id}:${tag}`, to: from.address, subject: bothSubjects(subjectKey, { code, ...detail }), text: bothLanguages(bodyKey, { code, ...detail }, refused), ...threadOf(mail) }, now);
  if (!done.ok) {
    env.log.info({ code, why: done.reason }, 'follow-up mail not taken as a change');
    return { became: 'ignored', subjectId: submission.id };
  }
  const result = done.value;
  const excerpt = change.text.slice(0, 1500);
  switch (result.kind) {
    case 'revised': {
      const number = String(result.submission.revision);
      await reply(`revision:${number}`, 'mail_submission_revised_subject', 'mail_submission_revised', { number, files: String(attachments.length) });
      env.desk?.revised(submission, result.submission);
      return { became: 'submission-revision', subjectId: submission.id };
    }
    case 'toEditors':
      env.desk?.toEditors(code, submission.senderName ?? from.address, excerpt, 'change');
      await reply(`mail:${key}`, 'mail_submission_change_subject', 'mail_submission_to_editors', {});
      return { became: 'submission-revision', subjectId: submission.id };
    case 'correctionRequest':
    case 'askCorrection':
      env.desk?.toEditors(code, submission.senderName ?? from.address, excerpt, 'correction');
      await reply(`mail:${key}`, 'mail_submission_change_subject', 'mail_submission_published', {});
      return { became: 'submission-revision', subjectId: submission.id };
    case 'closed':
      await reply(`mail:${key}`, 'mail_submission_change_subject', 'mail_submission_closed', { state: message('vi', `state_${result.state}`) });
      return { became: 'ignored', subjectId: submission.id };
  }
}
