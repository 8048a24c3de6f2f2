import { answerToken, statusKey } from '../../core/tickets/links.js';
import type { Lang } from '../../core/messages.js';
import { statusPath } from '../../core/tickets/portalPaths.js';
import type { TicketEnv } from './env.js';

/** The citizen's private status page. */
export function statusLink(env: Pick<TicketEnv, 'portalBaseUrl' | 'linkKey'>, code: string, lang: Lang): string {
  return `${env.portalBaseUrl}${statusPath(lang, code)}?k=${statusKey(env.linkKey, code)}`;
}

/** The assignee's answer page: no account needed; it expires. */
export function answerLink(env: Pick<TicketEnv, 'portalBaseUrl' | 'linkKey'>, code: string, personId: string, expiresMs: number): string {
  return `${env.portalBaseUrl}/tra-loi/${code}?p=${encodeURIComponent(personId)}&t=${answerToken(env.linkKey, code, personId, expiresMs)}`;
}
