/** What `portal-hub demo` tells the operator. */
export const DEMO_MESSAGES = {
  demo_items_range: { vi: 'Số tin mẫu phải là số nguyên từ 1 đến {max} (đã nhập: “{given}”).', en: 'The number of sample items must be a whole number from 1 to {max} (given: “{given}”).' },
  demo_sites_range: { vi: 'Số trang thành phần phải là số nguyên từ 0 đến {max} (đã nhập: “{given}”).', en: 'The number of component sites must be a whole number from 0 to {max} (given: “{given}”).' },
  demo_seed_bad: { vi: 'Hạt giống phải là số nguyên không âm (đã nhập: “{given}”).', en: 'The seed must be a non-negative whole number (given: “{given}”).' },
  demo_unknown_option: { vi: 'Lệnh demo không có tùy chọn “{option}”. Dùng: portal-hub demo --items N [--sites K] [--seed S]', en: 'The demo command has no option “{option}”. Use: portal-hub demo --items N [--sites K] [--seed S]' },
  demo_items_missing: { vi: 'Cần cho biết số tin mẫu: portal-hub demo --items N', en: 'Say how many sample items: portal-hub demo --items N' },
  demo_site_clash: { vi: 'Không tạo được trang mẫu “{site}”: {reason}', en: 'Could not create the sample site “{site}”: {reason}' },
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
