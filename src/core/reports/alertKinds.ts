/**
 * What kind of incident a stored alert was. Alerts are stored as the text the admins read (Alert has no kind
 * column), made from the catalogue's templates: the kind is the template a text was made from, matched on its
 * Vietnamese line with each {placeholder} standing for any text. One made from no template (a start-up
 * warning) is `other`.
 */
import { message } from '../messages.js';

export const ALERT_KINDS = {
  mirror: ['alert_rejected', 'alert_stuck', 'alert_stuck_reauth', 'alert_media_missing'],
  chat: ['alert_zalo_taken_over', 'alert_zalo_login_failed', 'alert_zalo_disconnected', 'alert_zalo_held_off', 'alert_zalo_back', 'alert_zalo_bot_token', 'alert_zalo_bot_no_groups', 'alert_zalo_bot_poll_refused', 'alert_zalo_bot_back'],
  mail: ['mail_alert_failed', 'mail_alert_login', 'mail_alert_mailbox'],
  interaction: ['alert_interaction_reply_unknown', 'alert_interaction_action_rejected'],
  sendBudget: ['alert_send_budget_hour', 'alert_send_budget_day'],
  audit: ['audit_checkpoint_alert'],
} as const;
export type AlertKind = keyof typeof ALERT_KINDS | 'other';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A template's Vietnamese line as a pattern anchored at the text's start; placeholders match lazily across lines. */
const pattern = (key: string) => new RegExp(`^${escape(message('vi', key)).replace(/\\\{\w+\\\}/g, '[\\s\\S]*?')}`);

let patterns: { kind: AlertKind; re: RegExp }[] | null = null;

export function alertKind(text: string): AlertKind {
  patterns ??= Object.entries(ALERT_KINDS).flatMap(([kind, keys]) => keys.map((key) => ({ kind: kind as AlertKind, re: pattern(key) })));
  return patterns.find((p) => p.re.test(text))?.kind ?? 'other';
}
