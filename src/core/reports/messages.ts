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
  report_bad_period: {
    vi: '“{given}” không phải kỳ báo cáo: gõ 2026-Q3 (quý), 2026-H1 (6 tháng), 2026 (năm) hoặc 2026-07-01..2026-09-30.',
    en: '“{given}” is not a report period: type 2026-Q3 (a quarter), 2026-H1 (a half-year), 2026 (a year) or 2026-07-01..2026-09-30.',
  },
  report_future: { vi: 'Kỳ {period} chưa bắt đầu (từ {from}): chưa có gì để báo cáo.', en: 'The period {period} has not begun (it starts on {from}): there is nothing to report yet.' },
  report_title: { vi: 'Báo cáo hoạt động kỳ {period} — {site} ({from} – {to})', en: 'Activity report {period} — {site} ({from} – {to})' },
  report_items: {
    vi: 'Tin bài: nhận {received}, xuất bản {published}, từ chối {rejected}, gỡ {takenDown}.',
    en: 'Items: {received} received, {published} published, {rejected} rejected, {takenDown} taken down.',
  },
  report_lead_none: { vi: 'Từ khi nhận đến khi xuất bản: không có tin nào gửi qua kênh nhận tin được xuất bản trong kỳ.', en: 'From receipt to publication: no item sent in through an intake channel was published in the period.' },
  report_lead: { vi: 'Từ khi nhận đến khi xuất bản: trung vị {median} giờ, 90 % trong {p90} giờ ({counted} tin).', en: 'From receipt to publication: median {median} h, 90 % within {p90} h ({counted} items).' },
  report_visits: {
    vi: 'Lượt xem: {views} (kỳ trước {previous}, cùng kỳ năm trước {lastYear}); người đọc ước tính: {visitors}.',
    en: 'Page views: {views} (previous period {previous}, same period last year {lastYear}); readers, estimated: {visitors}.',
  },
  report_tickets: { vi: 'Hỏi đáp, phản ánh: nhận {total}; trả lời đúng hạn {onTime}, trễ hạn {late}, quá hạn chưa trả lời {overdue}.', en: 'Questions and complaints: {total} received; {onTime} answered on time, {late} late, {overdue} overdue.' },
  report_site_line: { vi: '• {site}: xuất bản {published}, lượt xem {views}, tin gần nhất {last}{stale}', en: '• {site}: {published} published, {views} views, last item {last}{stale}' },
  report_stale_mark: { vi: ' — chưa cập nhật quá hạn', en: ' — stale' },
  report_never: { vi: 'chưa có', en: 'none' },
  report_none: { vi: 'không có', en: 'none' },
} as const;
