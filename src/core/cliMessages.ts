/** What the CLI says about where it works (src/cli/place.ts). */
export const CLI_MESSAGES = {
  cli_database_used: { vi: 'Cơ sở dữ liệu: {where}', en: 'Database: {where}' },
  database_absent: {
    vi: 'Máy chủ PostgreSQL chưa có cơ sở dữ liệu {where}. Tạo nó trước (một lần), rồi chạy lại:\n  {createdb}',
    en: 'The PostgreSQL server has no database {where}. Create it first (once), then run again:\n  {createdb}',
  },
  database_foreign: {
    vi: '{where} là cơ sở dữ liệu của chương trình khác (có bảng {names}…) nên portal-hub không ghi gì vào đó. Tạo một cơ sở dữ liệu riêng cho portal-hub (createdb portal_hub) rồi đặt DATABASE_URL.',
    en: '{where} belongs to another program (it has tables {names}…), so portal-hub wrote nothing into it. Create a database of its own (createdb portal_hub) and set DATABASE_URL.',
  },
  database_newer: {
    vi: 'Cơ sở dữ liệu {where} đã được một phiên bản mới hơn nâng cấp ({names}); bản đang chạy cũ hơn nên không dùng nó. Chạy bản mới (git pull, npm run build) hoặc khôi phục bản sao lưu trước khi nâng cấp.',
    en: 'The database {where} was upgraded by a newer release ({names}); this older build does not use it. Run the newer one (git pull, npm run build) or restore the backup taken before the upgrade.',
  },
  database_damaged: {
    vi: '{where} không phải cơ sở dữ liệu của portal-hub hoặc đã hỏng. Không ghi gì thêm. Khôi phục từ bản sao lưu (portal-hub restore) hoặc chỉ đúng tệp bằng --data / DATABASE_URL.',
    en: '{where} is not a portal-hub database, or it is damaged. Nothing more was written. Restore it from a backup (portal-hub restore) or name the right one with --data / DATABASE_URL.',
  },
  backup_target_missing: {
    vi: 'Không có thư mục {dir}. Sao lưu không tạo thư mục đích (gõ nhầm, hay ổ đĩa chưa gắn?): tạo nó trước hoặc chỉ thư mục khác.',
    en: 'There is no folder {dir}. Backup does not make the target folder (a typo, or a disk not mounted?): create it first or name another.',
  },
  backup_target_not_folder: {
    vi: '{dir} là một tệp, không phải thư mục: --to cần thư mục chứa các bản sao lưu.',
    en: '{dir} is a file, not a folder: --to names the folder backups go into.',
  },
  data_dir_foreign: {
    vi: 'Thư mục {dir} đang chứa tệp khác ({files}) và chưa phải thư mục dữ liệu của portal-hub: không ghi gì, không đổi quyền thư mục. Chỉ một thư mục riêng, trống hoặc chưa có (ví dụ /var/lib/portal-hub).',
    en: 'The folder {dir} holds other files ({files}) and is not a portal-hub data folder: nothing was written and its mode is unchanged. Name a folder of its own, empty or new (e.g. /var/lib/portal-hub).',
  },
  data_dir_denied: {
    vi: 'Tài khoản {user} không được đọc/ghi thư mục dữ liệu {dir}. Chạy lệnh bằng tài khoản của dịch vụ, ví dụ: sudo -u portal-hub node bin/portal-hub.mjs … (đừng chạy init: dữ liệu vẫn ở đó).',
    en: 'The account {user} may not read and write the data folder {dir}. Run the command as the service’s account, e.g.: sudo -u portal-hub node bin/portal-hub.mjs … (do not run init: the data is there).',
  },
  data_dir_not_folder: {
    vi: 'Thư mục dữ liệu {dir} là một tệp, không phải thư mục. Chỉ đúng thư mục bằng --data hoặc DATA_DIR.',
    en: 'The data folder {dir} is a file, not a folder. Name the right folder with --data or DATA_DIR.',
  },
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
  person_last_admin: {
    vi: 'Lưu ý: trang {site} nay không còn quản trị viên nào; không ai cấp được vai trò từ chat. Cấp cho người khác: node bin/portal-hub.mjs grant --person EMAIL --site {site} --role admin',
    en: 'Note: site {site} has no admin left; nobody can grant roles from chat. Give the role to someone else: node bin/portal-hub.mjs grant --person EMAIL --site {site} --role admin',
  },
  person_is_deactivated: {
    vi: '{person} đã nghỉ (khóa quyền lúc {day}): không cấp vai trò hay mã liên kết. Nếu người này trở lại: portal-hub person reactivate, rồi cấp lại từng vai trò.',
    en: '{person} left (access closed at {day}): no role or link code is given. If they are back: portal-hub person reactivate, then grant each role again.',
  },
  person_not_deactivated: { vi: '{person} đang làm việc, không cần mở lại.', en: '{person} is not deactivated: nothing to reopen.' },
  person_reactivated: {
    vi: 'Đã mở lại cho {person}. Vai trò cũ không tự trở lại: cấp lại bằng grant, rồi link-code để liên kết tài khoản chat.',
    en: 'Reopened for {person}. Old roles do not come back by themselves: grant them again, then link-code to link a chat account.',
  },
  person_left_mark: { vi: '[đã nghỉ {day} / left {day}]', en: '[left {day}]' },
  person_left_line: { vi: 'ĐÃ NGHỈ: quyền đã khóa lúc {day} (person reactivate để mở lại).', en: 'LEFT: access closed at {day} (person reactivate to reopen).' },
  person_unchanged: { vi: 'Không có gì thay đổi: {person} đã đúng như vậy.', en: 'Nothing changed: {person} already reads so.' },
  person_edit_nothing: { vi: 'Cần --name hay --email (hoặc cả hai) để sửa.', en: 'Give --name or --email (or both) to change.' },
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
  bad_domain: {
    vi: 'Tên miền “{domain}” không hợp lệ: chỉ ghi tên máy, vd. sotttt.dongnai.gov.vn (không có https://, cổng hay đường dẫn).',
    en: 'Domain “{domain}” is not a host name: write the name alone, e.g. sotttt.dongnai.gov.vn (no https://, port or path).',
  },
  domain_taken: { vi: 'Tên miền “{domain}” đã thuộc trang “{site}”; mỗi trang một tên miền.', en: 'Domain “{domain}” already belongs to site “{site}”; each site has its own.' },
  nothing_to_change: { vi: 'Trang “{site}” đã như vậy: không có gì thay đổi.', en: 'Site “{site}” is already so: nothing changed.' },
  site_edited: { vi: 'Đã sửa trang {site}: {changes}', en: 'Site {site} changed: {changes}' },
  cli_unknown_command: { vi: 'Không có lệnh “{what}”. Xem danh sách lệnh bên dưới.', en: 'There is no command “{what}”.' },
  cli_unknown_option: { vi: 'Lệnh này không có tùy chọn “{what}”.', en: 'This command has no option “{what}”.' },
  cli_missing_option: { vi: 'Thiếu tùy chọn bắt buộc “{what}”.', en: 'The required option “{what}” is missing.' },
  cli_missing_argument: { vi: 'Thiếu tham số “{what}”.', en: 'The argument “{what}” is missing.' },
  cli_option_needs_value: { vi: 'Tùy chọn “{what}” cần một giá trị.', en: 'The option “{what}” needs a value.' },
  cli_invalid_value: { vi: 'Giá trị “{value}” của “{what}” không dùng được.', en: 'The value “{value}” of “{what}” cannot be used.' },
  cli_too_many_arguments: { vi: 'Thừa tham số cho lệnh này.', en: 'Too many arguments for this command.' },
  init_no_admin_yet: {
    vi: 'Cổng đã có trang “{site}” (có thể do lệnh demo) nhưng chưa có quản trị viên. Thêm người đầu tiên:\n  node bin/portal-hub.mjs{data} person add --name "Họ Tên" --email ten@tinh.gov.vn\n  node bin/portal-hub.mjs{data} grant --person ten@tinh.gov.vn --site {site} --role admin',
    en: 'The portal has site “{site}” already (perhaps from demo) but no admin. Add the first one:\n  node bin/portal-hub.mjs{data} person add --name "Full Name" --email name@province.gov.vn\n  node bin/portal-hub.mjs{data} grant --person name@province.gov.vn --site {site} --role admin',
  },
} as const;
