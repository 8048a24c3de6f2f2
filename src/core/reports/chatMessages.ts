/** What people read in chat about the periodic reports (part of the one catalogue in messages.ts). Vietnamese first. */
export const REPORT_CHAT_MESSAGES = {
  report_usage: {
    vi: 'Cách dùng: /baocao KỲ [mã trang], ví dụ /baocao 2026-Q3 hoặc /baocao 2026-H1 so-y-te. Kỳ: 2026-Q3 (quý), 2026-H1 (6 tháng), 2026 (năm).',
    en: 'Usage: /baocao PERIOD [site key], e.g. /baocao 2026-Q3 or /baocao 2026-H1 so-y-te. Periods: 2026-Q3 (a quarter), 2026-H1 (a half-year), 2026 (a year).',
  },
  report_not_allowed: {
    vi: 'Chỉ Trưởng ban, Phó Trưởng ban, Thư ký và quản trị của {site} (hoặc của trang cấp trên) xem được báo cáo này.',
    en: 'Only the head, deputy heads, secretary and administrators of {site} (or of a site above it) may read this report.',
  },
  report_private_only: {
    vi: 'Báo cáo được gửi trong trò chuyện riêng với bot hoặc trong nhóm Ban Biên tập.',
    en: 'Reports are sent in a private chat with the bot or in the editorial chat.',
  },
  report_caption_docx: { vi: 'Báo cáo kỳ {period} (Word, có biểu đồ)', en: 'Report for {period} (Word, with charts)' },
  report_caption_xlsx: { vi: 'Phụ lục số liệu kỳ {period} (Excel)', en: 'Annex of figures for {period} (Excel)' },
  report_scheduled_head: { vi: '📊 Báo cáo định kỳ đã lập', en: '📊 Periodic report made' },
  report_kind_news: { vi: 'Tin', en: 'News item' },
  report_kind_article: { vi: 'Bài viết', en: 'Article' },
  report_kind_announcement: { vi: 'Thông báo', en: 'Announcement' },
  report_kind_document: { vi: 'Văn bản', en: 'Document' },
  report_kind_photo: { vi: 'Tin ảnh', en: 'Photo story' },
  report_kind_banner: { vi: 'Banner', en: 'Banner' },
  report_kind_infographic: { vi: 'Infographic', en: 'Infographic' },
  report_kind_podcast: { vi: 'Podcast', en: 'Podcast' },
  report_kind_longform: { vi: 'Bài dài (longform)', en: 'Longform' },
  report_kind_video: { vi: 'Video', en: 'Video' },
  report_kind_module: { vi: 'Mô-đun', en: 'Module' },
  report_kind_embed: { vi: 'Nội dung nhúng', en: 'Embed' },
  report_running: { vi: '— kỳ chưa kết thúc, số liệu đến hết ngày {day}', en: '— the period is still running: figures up to the end of {day}' },
  report_out_empty: { vi: '--out cần tên một thư mục.', en: '--out needs a folder name.' },
  report_saved: { vi: 'Đã ghi {file}', en: 'Written: {file}' },
  report_not_written: { vi: 'Không ghi được {file} ({code}): kiểm tra thư mục và quyền ghi.', en: 'Could not write {file} ({code}): check the folder and its permissions.' },
} as const;
