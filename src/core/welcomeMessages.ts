/** The page a fresh service shows before `portal-hub init` (src/http/welcome.ts). */
export const WELCOME_MESSAGES = {
  welcome_title: { vi: 'portal-hub đang chạy, chưa có cổng thông tin', en: 'portal-hub is running, with no portal yet' },
  welcome_intro: {
    vi: 'Dịch vụ đã khởi động nhưng chưa có trang cấp tỉnh nào. Người quản trị chạy một trong hai lệnh dưới đây trong thư mục dự án, rồi tải lại trang này.',
    en: 'The service is up but no province site exists yet. The operator runs one of the commands below in the project folder, then reloads this page.',
  },
  welcome_init: { vi: 'Khởi tạo cổng của tỉnh và quản trị viên đầu tiên:', en: 'Create the province’s portal and its first admin:' },
  welcome_demo: {
    vi: 'Hoặc xem thử một tỉnh mẫu (tin, chuyên mục, trang thành phần) ở thư mục riêng, trên cổng 3001, không lẫn với dữ liệu thật:',
    en: 'Or look around a sample province (items, sections, component sites) in a folder of its own, on port 3001, apart from real data:',
  },
  welcome_next: {
    vi: 'Nếu dịch vụ chạy với DATA_DIR hay DATABASE_URL riêng, đặt y như vậy cho lệnh (hoặc thêm --data THƯ_MỤC). Sau đó: thêm người, cấp quyền, kết nối nhóm chat — xem hướng dẫn trong docs/operator.md.',
    en: 'If the service runs with its own DATA_DIR or DATABASE_URL, give the command the same (or add --data DIR). Then: add people, grant roles, link the chat groups — see the guide in docs/operator.md.',
  },
  welcome_not_ready: { vi: 'portal-hub: chưa khởi tạo (node bin/portal-hub.mjs init)', en: 'portal-hub: not set up yet (node bin/portal-hub.mjs init)' },
} as const;
