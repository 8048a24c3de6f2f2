/** What moderators and citizens read about interactions; part of the one catalogue (src/core/messages.ts). */
export const INTERACTION_MESSAGES = {
  interaction_hidden: { vi: 'Tương tác này đã bị ẩn; không thao tác thêm được.', en: 'This interaction is hidden; nothing more can be done with it.' },
  interaction_ticket: { vi: 'Tương tác này đã được chuyển thành hỏi đáp/phản ánh.', en: 'This interaction was turned into a question or complaint.' },
  reason_required: { vi: 'Cần ghi rõ lý do ẩn.', en: 'A reason for hiding is required.' },
  answer_required: { vi: 'Câu trả lời đang trống.', en: 'The answer is empty.' },
  answer_too_long: { vi: 'Câu trả lời dài quá {limit} ký tự.', en: 'The answer is longer than {limit} characters.' },
  nothing_to_publish: { vi: 'Tương tác không có nội dung để công khai.', en: 'The interaction has no text to publish.' },
  already_answered: { vi: 'Tương tác này đã được trả lời.', en: 'This interaction has been answered already.' },
  unknown_interaction: { vi: 'Không tìm thấy tương tác này.', en: 'No such interaction.' },
  interaction_moved: { vi: 'Người khác vừa xử lý tương tác này; hãy xem lại thẻ mới nhất.', en: 'Someone else just acted on this interaction; look at its latest card.' },
  not_moderator: { vi: 'Chỉ biên tập viên, thư ký, lãnh đạo hoặc quản trị viên của trang mới được kiểm duyệt tương tác.', en: 'Only an editor, secretary, head or admin of the site may moderate interactions.' },
  source_portal: { vi: 'Cổng thông tin', en: 'Portal' },
  source_facebook: { vi: 'Facebook', en: 'Facebook' },
  source_youtube: { vi: 'YouTube', en: 'YouTube' },
  'source_zalo-oa': { vi: 'Zalo OA', en: 'Zalo OA' },
  interaction_state_new: { vi: 'mới', en: 'new' },
  interaction_state_published: { vi: 'đã công khai', en: 'published' },
  interaction_state_answered: { vi: 'đã trả lời', en: 'answered' },
  interaction_state_hidden: { vi: 'đã ẩn', en: 'hidden' },
  interaction_state_ticket: { vi: 'đã chuyển hỏi đáp/phản ánh', en: 'turned into a question/complaint' },

  // Facebook (adapters/facebook/interactions.ts) adds its keys below this line.

  // YouTube (adapters/youtube/interactions.ts) adds its keys below this line.
  channel_polling_reduced: {
    vi: '; hôm nay đọc bình luận YouTube ít hơn để dành hạn mức cho video chờ đăng',
    en: '; comment polling reduced today to keep the quota for uploads',
  },
  channel_polling_paused: {
    vi: '; hôm nay tạm dừng đọc bình luận YouTube: hạn mức còn lại dành cho video chờ đăng',
    en: '; comment polling paused today: the quota left is kept for uploads',
  },

  // Zalo OA (adapters/zalo-oa/interactions.ts) adds its keys below this line.
  // What a follower sent that is not text, as the record's text reads (the URL or description follows).
  zalo_oa_sent_image: { vi: '[ảnh]', en: '[image]' },
  zalo_oa_sent_gif: { vi: '[ảnh động]', en: '[GIF]' },
  zalo_oa_sent_link: { vi: '[liên kết]', en: '[link]' },
  zalo_oa_sent_file: { vi: '[tệp]', en: '[file]' },
  zalo_oa_sent_sticker: { vi: '[nhãn dán]', en: '[sticker]' },
  zalo_oa_sent_audio: { vi: '[ghi âm]', en: '[voice message]' },
  zalo_oa_sent_video: { vi: '[video]', en: '[video]' },
  zalo_oa_sent_location: { vi: '[vị trí]', en: '[location]' },
  zalo_oa_sent_business_card: { vi: '[danh thiếp]', en: '[business card]' },
  zalo_oa_sent_other: { vi: '[nội dung khác]', en: '[other content]' },

  alert_interaction_reply_unknown: {
    vi: '⚠️ Không chắc câu trả lời cho tương tác {id} ({source}) đã tới nền tảng: nền tảng không cho kiểm tra lại. Hệ thống không gửi lại để tránh trùng; hãy xem trên {source} và gửi tay nếu cần.',
    en: '⚠️ Not sure the reply to interaction {id} ({source}) reached the platform, and it cannot be checked. It is not sent again to avoid a double; look on {source} and send it by hand if needed.',
  },
  alert_interaction_action_rejected: {
    vi: '⚠️ {source} từ chối {action} cho tương tác {id}: {reason}',
    en: '⚠️ {source} refused to {action} interaction {id}: {reason}',
  },
} as const;
