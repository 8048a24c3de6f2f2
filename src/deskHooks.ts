import type { TelegramDesk } from '../adapters/telegram/desk.js';
import type { ChatDeskHooks } from './app/chatPorts.js';

/**
 * How the Zalo desk and the Telegram desk meet: Zalo submissions get Telegram intake cards,
 * recalls close them, decisions taken on Zalo move the Telegram cards on; Zalo alerts reach the
 * admins' chat. Telegram's decisions reach Zalo through the audit trail (notices, review sweep).
 */
export function zaloHooks(telegram: TelegramDesk | null, alert: (text: string) => void): ChatDeskHooks {
  return {
    submitted: (submission) => telegram?.desk.later(() => telegram.desk.showSubmission(submission)),
    withdrawn: (submission) => telegram?.desk.later(() => telegram.desk.afterWithdrawal(submission)),
    revised: (before, after) => telegram?.mail.revised(before, after),
    decided: (item) => telegram?.desk.later(() => telegram.desk.afterDecision(item)),
    alert,
  };
}
