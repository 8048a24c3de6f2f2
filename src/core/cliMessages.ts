/** What the CLI says about where it works (src/cli/place.ts). */
export const CLI_MESSAGES = {
  cli_database_used: { vi: 'Cơ sở dữ liệu: {where}', en: 'Database: {where}' },
  cli_database_missing: {
    vi: 'Không có cơ sở dữ liệu tại {where}; lệnh này không tạo mới. Chạy lệnh cho dự án ở {root} (hoặc chỉ rõ --data THƯ_MỤC hay DATABASE_URL, như dịch vụ đang dùng), hoặc tạo mới bằng: {init}',
    en: 'No database at {where}; this command does not create one. Run it for the project at {root} (or name one with --data DIR or DATABASE_URL, as the service has them), or create one with: {init}',
  },
  cli_bad_until: {
    vi: '“{given}” không phải ngày giờ: gõ dd/mm/yyyy (hết ngày đó) hoặc dd/mm/yyyy HH:mm, giờ địa phương.',
    en: '“{given}” is not a date: type dd/mm/yyyy (through that day) or dd/mm/yyyy HH:mm, local time.',
  },
  grant_already_ended: { vi: 'Hạn {until} đã qua: vai trò này sẽ không có hiệu lực. Chọn hôm nay hoặc một ngày sau.', en: 'The end {until} has passed: this role would never be in force. Choose today or a later day.' },
  cli_through_day: { vi: 'hết ngày {day}', en: 'through {day}' },
  health_no_key: {
    vi: 'Không có khóa {file}: lệnh health cần khóa của dịch vụ (cùng DATA_DIR hoặc --data, hoặc HUB_SECRET như dịch vụ). Không tạo khóa mới.',
    en: 'No key at {file}: health needs the service’s key (the same DATA_DIR or --data, or HUB_SECRET as the service). No new key was made.',
  },
  health_no_answer: { vi: 'Dịch vụ không trả lời tại {base} ({why}): nó có đang chạy, đúng cổng không?', en: 'The service does not answer at {base} ({why}): is it running, on that port?' },
  init_ask_key: { vi: 'Mã trang cấp tỉnh (chữ thường, số, gạch ngang; 2–40 ký tự), vd. dongnai:', en: 'The province site’s key (lower case, digits, dashes; 2–40 characters), e.g. dongnai:' },
  init_ask_name_vi: { vi: 'Tên cổng bằng tiếng Việt, vd. Cổng thông tin điện tử tỉnh Đồng Nai:', en: 'The portal’s name in Vietnamese:' },
  init_ask_name_en: { vi: 'Tên cổng bằng tiếng Anh, vd. Dong Nai Provincial Portal:', en: 'The portal’s name in English, e.g. Dong Nai Provincial Portal:' },
  init_ask_prefix: { vi: 'Tiền tố mã tin (1–6 chữ in hoa), vd. DN cho mã DN-2027-00001:', en: 'Tracking-code prefix (1–6 capital letters), e.g. DN for DN-2027-00001:' },
  init_ask_domain: { vi: 'Tên miền của cổng, vd. dongnai.gov.vn (để trống nếu chưa có):', en: 'The portal’s domain, e.g. dongnai.gov.vn (empty if none yet):' },
  init_ask_admin: { vi: 'Họ tên quản trị viên đầu tiên (một người thật, một tài khoản):', en: 'Full name of the first admin (one real person, one account):' },
  init_ask_email: { vi: 'Thư điện tử của quản trị viên (để trống nếu không có):', en: 'The admin’s e-mail (empty if none):' },
  init_answer_needed: { vi: 'Cần một câu trả lời.', en: 'An answer is needed.' },
  init_summary: {
    vi: 'Sẽ tạo: trang {key} “{vi}” / “{en}”, mã tin {prefix}-…, tên miền {domain}; quản trị viên {admin} ({email}).',
    en: 'About to create: site {key} “{vi}” / “{en}”, codes {prefix}-…, domain {domain}; admin {admin} ({email}).',
  },
  init_ask_confirm: { vi: 'Ghi như vậy? (c/k)', en: 'Write this? (y/n)' },
  init_stopped: { vi: 'Đã dừng: chưa ghi gì.', en: 'Stopped: nothing was written.' },
  init_missing: {
    vi: 'Thiếu {options}: gõ đủ các tùy chọn, hoặc dùng init --interactive để được hỏi từng câu.',
    en: 'Missing {options}: give every option, or use init --interactive to be asked one question at a time.',
  },
  person_deactivated: {
    vi: 'Đã khóa quyền của {person}: vai trò đã thu hồi {roles}; tài khoản chat đã gỡ {chats}; mã liên kết bị hủy {codes}. Tên vẫn giữ trên các quyết định cũ.',
    en: 'Access closed for {person}: roles ended {roles}; chat accounts unlinked {chats}; link codes voided {codes}. The name stays on past decisions.',
  },
  person_added: { vi: 'Đã thêm {name} ({email}), mã {id}. Tiếp theo: grant để cấp vai trò, link-code để liên kết tài khoản chat.', en: 'Added {name} ({email}), id {id}. Next: grant to give a role, link-code to link a chat account.' },
  cli_data_empty: { vi: '--data để trống: cần tên một thư mục.', en: '--data is empty: name a folder.' },
  cli_hours_range: { vi: 'Mã liên kết có hiệu lực 1–720 giờ (30 ngày).', en: 'A link code is valid for 1–720 hours (30 days).' },
  cli_granted: { vi: 'Đã cấp: {role} @ {site}{until}', en: 'Granted: {role} @ {site}{until}' },
  cli_link_code: { vi: 'Gõ dòng trên trong chat riêng với bot; mã hết hạn lúc {expires}.', en: 'Type the line above in a private chat with the bot; the code expires at {expires}.' },
  bad_email: { vi: '“{email}” không phải địa chỉ thư điện tử.', en: '“{email}” is not an e-mail address.' },
  bad_name: { vi: 'Tên không dùng được: cần 1–{max} ký tự in được, không có ký tự điều khiển hay ký tự đảo chiều.', en: 'That name cannot be used: 1–{max} printable characters, no control or direction-override characters.' },
  email_taken: { vi: 'Địa chỉ {email} đã thuộc {person} (mã {id}); mỗi người một địa chỉ.', en: 'The address {email} already belongs to {person} (id {id}); one address per person.' },
  person_ambiguous: {
    vi: 'Nhiều người cùng địa chỉ {email}: {ids}. Dùng mã (id) của người cần chọn, và sửa địa chỉ trùng.',
    en: 'Several people share the address {email}: {ids}. Use the id of the one you mean, and fix the shared address.',
  },
} as const;
