/** What people read about the sites' timeliness and the periodic reports (part of the one catalogue in messages.ts). Vietnamese first. */
export const REPORT_MESSAGES = {
  stale_head: {
    vi: 'Trang chưa cập nhật quá {days} ngày ({count} trang):',
    en: 'Sites with nothing published for over {days} days ({count}):',
  },
  stale_line: { vi: '• {site} — tin gần nhất ngày {day} ({idle} ngày trước)', en: '• {site} — last item on {day} ({idle} days ago)' },
  stale_line_never: { vi: '• {site} — chưa đăng tin nào', en: '• {site} — nothing published yet' },
  stale_own: {
    vi: 'Trang {site} của anh/chị chưa cập nhật quá {days} ngày: {state}. Mỗi trang cần cập nhật thông tin thường xuyên (NĐ 42/2022, NĐ 224/2026).',
    en: 'Your site {site} has published nothing for over {days} days: {state}. Each site must keep its information up to date.',
  },
  stale_state_idle: { vi: 'tin gần nhất ngày {day}', en: 'its last item is of {day}' },
  stale_state_never: { vi: 'chưa đăng tin nào', en: 'nothing published yet' },
} as const;
