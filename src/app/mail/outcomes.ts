import { articlePath } from '../../core/portal/paths.js';
import { tellAll } from '../submitters.js';
import type { MailEnv } from './env.js';
import { bothLanguages, bothSubjects } from './texts.js';

const CURSOR = 'mail:outcomes';

/**
 * What happened to a news item sent by mail (accepted, needs more, refused, published with its link, taken
 * down) is mailed to its sender, read from the audit trail in decision order as the chat desks read it:
 * each once, after a restart too (the mail's purpose names the decision). The acknowledgement itself went
 * when the mail was read.
 */
export async function tellMailOutcomes(env: MailEnv): Promise<number> {
  const { deps, portalBaseUrl } = env.tickets;
  return tellAll(deps, CURSOR, 'email', async (notice) => {
    if (notice.outcome === 'received') return true;
    const s = notice.submission;
    const first = s.messageIds[0] ?? '';
    const theirs = first.endsWith('.portal-hub.invalid>') ? null : first || null;
    const detail = { code: notice.code, note: notice.note ?? '', url: `${portalBaseUrl}${articlePath('vi', notice.code)}` };
    await deps.store.queueMail(
      {
        purpose: `submission:${s.id}:outcome:${notice.seq}`,
        to: s.senderPlatformId,
        subject: bothSubjects('mail_outcome_subject', { code: notice.code }),
        text: bothLanguages(`outcome_${notice.outcome}`, detail),
        inReplyTo: theirs,
        references: theirs,
      },
      deps.clock(),
    );
    return true;
  });
}
