/** What admins and groups read about a chat account's send budget (part of the one catalogue). */
export const SEND_BUDGET_MESSAGES = {
  alert_send_budget_hour: {
    vi: '⚠️ {account}: bot đã gửi {sent}/{limit} tin trong một giờ qua, chỉ còn {left}{next}. Từ giờ các thông báo cho cùng một nhóm được gộp thành một tin; khi hết hạn mức, tin nhắn chờ đến lúc được gửi tiếp (không mất tin nào). Hạn mức: {setting}.',
    en: '⚠️ {account}: the bot sent {sent}/{limit} messages in the last hour, {left} left{next}. Notices to one group are now merged into one message; once the budget is spent, messages wait until they may go (none is lost). Budget: {setting}.',
  },
  alert_send_budget_day: {
    vi: '⚠️ {account}: bot đã gửi {sent}/{limit} tin trong 24 giờ qua, chỉ còn {left}{next}. Từ giờ các thông báo cho cùng một nhóm được gộp thành một tin; khi hết hạn mức, tin nhắn chờ đến lúc được gửi tiếp (không mất tin nào). Hạn mức: {setting}.',
    en: '⚠️ {account}: the bot sent {sent}/{limit} messages in the last 24 hours, {left} left{next}. Notices to one group are now merged into one message; once the budget is spent, messages wait until they may go (none is lost). Budget: {setting}.',
  },
  budget_next_free: { vi: ' (gửi tiếp được sau {minutes} phút)', en: ' (more may go in {minutes} min)' },
  notices_merged: {
    vi: '🗂 {count} thông báo, gộp làm một vì bot đang hạn chế số tin gửi đi:\n{lines}',
    en: '🗂 {count} notices, merged into one because the bot is limiting how many messages it sends:\n{lines}',
  },
  notice_merged_received: { vi: '📥 Đã nhận tin {code} của {name}', en: '📥 Received {code} from {name}' },
  chat_send_budget_line: {
    vi: 'Đã gửi {hour}/{perHour} tin trong một giờ qua, {day}/{perDay} trong 24 giờ qua{next}.',
    en: 'Sent {hour}/{perHour} messages in the last hour, {day}/{perDay} in the last 24 hours{next}.',
  },
} as const;
