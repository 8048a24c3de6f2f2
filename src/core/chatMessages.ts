/** What the chat desks say about chat semantics (part of the one catalogue in messages.ts). Vietnamese first, English second. */
export const CHAT_MESSAGES = {
  // Where an item came from, on the review card (Quy trình 1: editors check the source).
  origin_forward_user: { vi: '↪️ Chuyển tiếp từ {name}, đăng lúc {date}', en: '↪️ Forwarded from {name}, posted {date}' },
  origin_forward_hiddenUser: { vi: '↪️ Chuyển tiếp từ tài khoản ẩn “{name}”, đăng lúc {date} — cần xác minh nguồn', en: '↪️ Forwarded from hidden account “{name}”, posted {date} — source to verify' },
  origin_forward_chat: { vi: '↪️ Chuyển tiếp từ nhóm “{name}”, đăng lúc {date}', en: '↪️ Forwarded from group “{name}”, posted {date}' },
  origin_forward_channel: { vi: '↪️ Chuyển tiếp từ kênh “{name}”, đăng lúc {date}', en: '↪️ Forwarded from channel “{name}”, posted {date}' },
  origin_link: { vi: '🔗 Bài gốc: {link}', en: '🔗 Original: {link}' },
  origin_anonymous_admin: { vi: '👤 Gửi bởi quản trị viên ẩn danh của nhóm “{chat}”', en: '👤 Sent by an anonymous admin of “{chat}”' },
  origin_as_channel: { vi: '📣 Gửi dưới danh nghĩa kênh “{chat}”', en: '📣 Sent as channel “{chat}”' },
  sender_anonymous_admin: { vi: 'Quản trị viên ẩn danh của nhóm “{chat}”', en: 'Anonymous admin of “{chat}”' },

  // A sender's answer or edit.
  card_revised: { vi: '🔁 Người gửi đã bổ sung/sửa (bản {number})', en: '🔁 The sender added or changed it (revision {number})' },
  revise_done: { vi: '🔁 Đã cập nhật tin {code} (bản {number}). Ban Biên tập sẽ xem lại.', en: '🔁 {code} updated (revision {number}). The editorial board will look at it again.' },
  sender_change_to_editors: { vi: '🔁 Tin {code} đang được biên tập; nội dung bạn bổ sung đã được chuyển tới Ban Biên tập.', en: '🔁 {code} is being edited; what you added was passed to the editorial board.' },
  editors_sender_change: { vi: '🔁 {code}: người gửi {name} bổ sung/sửa sau khi tiếp nhận. Trả lời thẻ duyệt để đưa vào bản mới nếu cần:\n{text}', en: '🔁 {code}: the sender {name} added or changed it after intake. Reply to the review card to take it into a new revision if needed:\n{text}' },
  sender_ask_correction: {
    vi: '📰 Tin {code} đã xuất bản nên sửa tin nhắn không làm thay đổi bài. Để đính chính, hãy trả lời (reply) tin nhắn này nêu rõ nội dung cần sửa và lý do; Ban Biên tập sẽ xem xét đính chính.',
    en: '📰 {code} is already published, so editing your message does not change the article. To ask for a correction, reply to this message with what must change and why; the editorial board will consider it.',
  },
  needs_info_reply_hint: { vi: '✍️ Trả lời (reply) tin nhắn này để bổ sung; tin sẽ được xem lại.', en: '✍️ Reply to this message to add what is missing; the item will be reviewed again.' },
  correction_request_sent: { vi: '📨 Đã chuyển đề nghị đính chính tin {code} tới Ban Biên tập.', en: '📨 Your correction request for {code} was passed to the editorial board.' },
  editors_correction_request: { vi: '📨 {code} (đã xuất bản): người gửi {name} đề nghị đính chính:\n{text}', en: '📨 {code} (published): the sender {name} asks for a correction:\n{text}' },
  sender_change_closed: { vi: 'Tin {code} đã kết thúc ({state}); thay đổi này không được ghi nhận. Hãy gửi tin mới nếu cần.', en: '{code} is closed ({state}); this change was not taken. Send a new message if needed.' },
  ask_for_file: { vi: 'Tin nhắn thoại không được nhận làm tin bài. Hãy gửi dạng tệp âm thanh/video hoặc văn bản.', en: 'Voice messages are not taken as items. Send an audio/video file or text instead.' },

  // Group upgrades.
  chat_upgraded: {
    vi: '🔀 Nhóm tiếp nhận {old} (trang {site}) đã được Telegram nâng cấp thành siêu nhóm {new}. Hệ thống đã tự theo nhóm mới; hãy cập nhật TELEGRAM_INTAKE_CHATS thành {new} khi tiện.',
    en: '🔀 Intake group {old} (site {site}) was upgraded by Telegram to supergroup {new}. The hub follows the new id; update TELEGRAM_INTAKE_CHATS to {new} when convenient.',
  },
  chat_upgraded_other: {
    vi: '🔀 Nhóm {old} đã được Telegram nâng cấp thành siêu nhóm {new}. Nếu đây là nhóm Ban Biên tập hoặc nhóm quản trị, hãy cập nhật cấu hình (TELEGRAM_EDITORIAL_CHAT / TELEGRAM_ADMIN_CHAT) thành {new}.',
    en: '🔀 Group {old} was upgraded by Telegram to supergroup {new}. If it is the editorial or admin chat, update the configuration (TELEGRAM_EDITORIAL_CHAT / TELEGRAM_ADMIN_CHAT) to {new}.',
  },

  // Long lists.
  page_of: { vi: '(trang {page}/{pages})', en: '(page {page}/{pages})' },
  page_next: { vi: '➡️ Xem tiếp: /pending {next}', en: '➡️ More: /pending {next}' },
  page_none: { vi: 'Không có trang {page}; danh sách có {pages} trang.', en: 'There is no page {page}; the list has {pages} page(s).' },
} as const;
