/** What the hub writes by e-mail: receipts, answers, notices, links. */
export const MAIL_MESSAGES = {
} as const;
