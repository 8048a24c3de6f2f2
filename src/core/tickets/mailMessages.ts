/** What the hub writes by e-mail: receipts, answers, notices, links. */
export const MAIL_MESSAGES = {
  mail_english_follows: { vi: '— English below —', en: '— English below —' },
  mail_submission_received_subject: { vi: '[{code}] Đã nhận tin bài', en: '[{code}] News item received' },
  mail_submission_received: {
    vi: 'Kính gửi {name},\n\nBan Biên tập Cổng Thông tin điện tử đã nhận tin bài “{title}” của ông/bà, mã theo dõi {code} ({files} tệp đính kèm được nhận).\nTin bài sẽ được biên tập và duyệt theo quy chế; ông/bà sẽ nhận thư khi có kết quả.\n\nCần bổ sung hoặc sửa, xin trả lời thư này (giữ nguyên mã {code} ở tiêu đề).\n\nBan Biên tập',
    en: 'Dear {name},\n\nThe portal’s editorial board received your news item “{title}”, tracking code {code} ({files} attached files taken).\nIt will be edited and reviewed as the regulation sets; you will hear the outcome by mail.\n\nTo add or correct anything, reply to this mail (keep {code} in the subject).\n\nThe editorial board',
  },
  mail_outcome_subject: { vi: '[{code}] Kết quả xử lý tin bài', en: '[{code}] What became of your news item' },
  mail_submission_revised_subject: { vi: '[{code}] Đã nhận phần bổ sung (bản {number})', en: '[{code}] Your addition was received (revision {number})' },
  mail_submission_revised: {
    vi: 'Phần bổ sung của ông/bà đã được thêm vào tin bài {code}, thành bản {number} ({files} tệp đính kèm mới). Ban Biên tập sẽ xem bản mới nhất.',
    en: 'Your addition was added to news item {code} as revision {number} ({files} new attached files). The editors will review the latest revision.',
  },
  mail_submission_change_subject: { vi: '[{code}] Về phần bổ sung của ông/bà', en: '[{code}] About your addition' },
  mail_submission_to_editors: {
    vi: 'Tin bài {code} đang được Ban Biên tập duyệt: nội dung bổ sung của ông/bà đã được chuyển tới biên tập viên để xem xét.',
    en: 'News item {code} is under review: your addition was passed to the editors to consider.',
  },
  mail_submission_published: {
    vi: 'Tin bài {code} đã được xuất bản. Nội dung của ông/bà đã được chuyển tới Ban Biên tập như một đề nghị đính chính.',
    en: 'News item {code} is already published. Your mail was passed to the editors as a request for correction.',
  },
  mail_submission_closed: {
    vi: 'Tin bài {code} đã khép lại (trạng thái: {state}); phần bổ sung không được thêm vào. Xin gửi tin mới nếu cần.',
    en: 'News item {code} is closed (state: {state}); the addition was not added. Please send a new item if needed.',
  },
  mail_files_refused: { vi: 'Các tệp sau không được nhận:', en: 'These files were not taken:' },
  mail_file_too_large: { vi: '- {file} ({size}): lớn hơn giới hạn {limit}', en: '- {file} ({size}): larger than the {limit} limit' },
  mail_file_refused_type: { vi: '- {file}: loại tệp không nhận ({type}); nhận ảnh, video, PDF, Word, Excel, PowerPoint', en: '- {file}: type not taken ({type}); photos, videos, PDF, Word, Excel and PowerPoint are' },
  mail_too_large_subject: { vi: 'Thư quá lớn, chưa được nhận', en: 'Your mail is too large and was not taken' },
  mail_too_large: {
    vi: 'Thư của ông/bà ({size}) lớn hơn mức hệ thống nhận ({limit}) nên chưa được tiếp nhận. Xin gửi lại, chia tệp đính kèm thành nhiều thư (mỗi tệp tối đa {fileLimit}).',
    en: 'Your mail ({size}) is larger than the portal takes ({limit}), so it was not received. Please send it again with the attachments spread over several mails (at most {fileLimit} per file).',
  },
  mail_ticket_files_not_kept: { vi: '[Tệp đính kèm không được lưu cùng hồ sơ: {files}]', en: '[Attached files not kept with the ticket: {files}]' },
  mail_sender_unnamed: { vi: 'Người gửi thư điện tử', en: 'E-mail sender' },
  mail_origin_outside: {
    vi: '✉️ Gửi qua thư điện tử từ {name} <{address}> — người gửi bên ngoài, không có trong danh sách người dùng: cần xác minh nguồn',
    en: '✉️ Sent by e-mail from {name} <{address}> — an outside sender, not among the hub’s people: source to verify',
  },
  mail_origin_person: { vi: '✉️ Gửi qua thư điện tử từ {address} (địa chỉ của người dùng đã đăng ký)', en: '✉️ Sent by e-mail from {address} (a registered person’s address)' },
  mail_alert_failed: {
    vi: '⚠️ Thư gửi {to} (“{subject}”) không gửi được và sẽ không thử lại: {reason}. Mục đích: {purpose}.',
    en: '⚠️ The mail to {to} (“{subject}”) could not be sent and will not be tried again: {reason}. Purpose: {purpose}.',
  },
  mail_alert_login: {
    vi: '⚠️ Máy chủ thư (SMTP) từ chối đăng nhập: {reason}. Hãy kiểm tra MAIL_SMTP_URL; thư chờ gửi được giữ lại và sẽ được gửi khi đăng nhập lại được.',
    en: '⚠️ The mail server (SMTP) refused the login: {reason}. Check MAIL_SMTP_URL; waiting mails are kept and go out once the login works again.',
  },
  mail_alert_mailbox: {
    vi: '⚠️ Không đọc được hộp thư của Cổng ({reason}). Thư mới vẫn nằm trong hộp thư và sẽ được đọc khi kết nối lại được; hãy kiểm tra MAIL_IMAP_URL.',
    en: '⚠️ The portal’s mailbox cannot be read ({reason}). New mail stays in the mailbox and is read once the connection works again; check MAIL_IMAP_URL.',
  },
} as const;
