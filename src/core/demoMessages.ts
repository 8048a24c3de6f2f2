/** What `portal-hub demo` tells the operator. */
export const DEMO_MESSAGES = {
  demo_items_range: { vi: 'Số tin mẫu phải là số nguyên từ 1 đến {max} (đã nhập: “{given}”).', en: 'The number of sample items must be a whole number from 1 to {max} (given: “{given}”).' },
  demo_sites_range: { vi: 'Số trang thành phần phải là số nguyên từ 0 đến {max} (đã nhập: “{given}”).', en: 'The number of component sites must be a whole number from 0 to {max} (given: “{given}”).' },
  demo_seed_bad: { vi: 'Hạt giống phải là số nguyên không âm (đã nhập: “{given}”).', en: 'The seed must be a non-negative whole number (given: “{given}”).' },
  demo_unknown_option: { vi: 'Lệnh demo không có tùy chọn “{option}”. Dùng: node bin/portal-hub.mjs demo --items N [--sites K] [--seed S] [--more]', en: 'The demo command has no option “{option}”. Use: node bin/portal-hub.mjs demo --items N [--sites K] [--seed S] [--more]' },
  demo_items_missing: { vi: 'Cần cho biết số tin mẫu: node bin/portal-hub.mjs demo --items N', en: 'Say how many sample items: node bin/portal-hub.mjs demo --items N' },
  demo_site_clash: { vi: 'Không tạo được trang mẫu “{site}”: {reason}', en: 'Could not create the sample site “{site}”: {reason}' },
  demo_person_clash: { vi: 'Không tạo được người mẫu “{person}”: {reason}', en: 'Could not create the sample person “{person}”: {reason}' },
  demo_not_empty: {
    vi: 'Lệnh demo chỉ dùng cho một thư mục dữ liệu trống: cơ sở dữ liệu này đã có dữ liệu không phải mẫu ({sites} trang, {people} người, {items} tin hoặc bài gửi), nên không ghi gì. Tin mẫu không gỡ được và sẽ lẫn với tin thật. Để xem thử, dùng một thư mục riêng: node bin/portal-hub.mjs --data /tmp/tinh-mau demo --items N',
    en: 'The demo command is for an empty data folder only: this database already holds data it did not make ({sites} sites, {people} people, {items} items or submissions), so nothing was written. Sample items cannot be taken down and would mix with real ones. For a try-out, use a folder of its own: node bin/portal-hub.mjs --data /tmp/tinh-mau demo --items N',
  },
  demo_already_filled: {
    vi: 'Thư mục dữ liệu này đã có kho tin mẫu ({total} bản đăng), nên không ghi gì. Muốn thêm tin mẫu vào đó: node bin/portal-hub.mjs{data} demo --more --items N',
    en: 'This data folder already holds a sample archive ({total} publications), so nothing was written. To add sample items to it: node bin/portal-hub.mjs{data} demo --more --items N',
  },
  demo_people: { vi: 'Đã tạo {count} người mẫu (địa chỉ @mau.example.vn) với vai trò trên trang {site}: xem bằng person list.', en: 'Created {count} sample people (addresses @mau.example.vn) with roles on the site {site}: see person list.' },
  demo_interrupted: {
    vi: 'Đã dừng (Ctrl-C): đã ghi {written}/{items} tin mẫu, kho mẫu chưa đủ (nay có {total} bản đăng). Thêm phần còn lại bằng: node bin/portal-hub.mjs{data} demo --more --items {rest}',
    en: 'Stopped (Ctrl-C): {written} of {items} sample items written, the sample is partial (the archive now holds {total} publications). Top it up with: node bin/portal-hub.mjs{data} demo --more --items {rest}',
  },
  demo_started: { vi: 'Đang tạo {items} tin mẫu cho {sites} trang ({province}), trải trên {years} năm…', en: 'Writing {items} sample items for {sites} sites ({province}) over {years} years…' },
  demo_progress: { vi: '… {done}/{total} tin ({rate} tin/giây)', en: '… {done}/{total} items ({rate} items/s)' },
  cli_database_unreachable: {
    vi: 'Không kết nối được cơ sở dữ liệu {where} ({code}). Kiểm tra DATABASE_URL, máy chủ cơ sở dữ liệu đã chạy chưa, tên đăng nhập và mật khẩu.',
    en: 'Cannot reach the database {where} ({code}). Check DATABASE_URL, that the database server is running, and the user name and password.',
  },
  demo_done: {
    vi: 'Xong: {items} tin mẫu ({featured} nổi bật, {gone} đã gỡ), mã {first} … {last}, trong {seconds} giây. Kho lưu trữ nay có {total} bản đăng.',
    en: 'Done: {items} sample items ({featured} featured, {gone} taken down), codes {first} … {last}, in {seconds} s. The archive now holds {total} publications.',
  },
} as const;
