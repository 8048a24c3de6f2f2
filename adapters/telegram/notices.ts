import type { DeskEnv } from './cards.js';

/** Keeps the id of a notice about a submission once it is sent, so a reply to it finds the submission. */
export function rememberNotice(env: DeskEnv, submissionId: string, sent: Promise<number | null>): void {
  sent
    .then((id) => (id === null ? undefined : env.deps.store.addSubmissionNotice(submissionId, String(id))))
    .catch((error: unknown) => env.log.warn({ err: error, submission: submissionId }, 'notice not remembered; a reply to it will be taken as a new message'));
}
