/** What the service and the CLI say when they cannot do what was asked (src/main.ts, src/cli/main.ts). */
export const START_MESSAGES = {
  start_port_in_use: {
    vi: 'Không mở được cổng {port} trên {host}: một chương trình khác đang dùng cổng này (có thể một portal-hub khác đang chạy). Dừng chương trình đó, hoặc đặt PORT khác.',
    en: 'Cannot listen on port {port} at {host}: another program is using it (perhaps another portal-hub). Stop that program, or set another PORT.',
  },
  start_port_denied: {
    vi: 'Không có quyền mở cổng {port} trên {host} (cổng dưới 1024 cần quyền quản trị). Đặt PORT từ 1024 trở lên và để proxy ngược (deploy/) nhận cổng 80/443.',
    en: 'Not allowed to listen on port {port} at {host} (ports below 1024 need privileges). Set PORT to 1024 or above and let the reverse proxy (deploy/) take ports 80/443.',
  },
  start_host_unknown: {
    vi: 'Không mở được cổng {port} trên “{host}”: máy này không có địa chỉ đó. Đặt HOST=127.0.0.1 (sau proxy ngược) hoặc HOST=0.0.0.0 (mọi địa chỉ).',
    en: 'Cannot listen on port {port} at “{host}”: this machine has no such address. Set HOST=127.0.0.1 (behind a reverse proxy) or HOST=0.0.0.0 (every address).',
  },
  cli_failed: {
    vi: 'Lệnh không thực hiện được: {error}. Chạy lại với LOG_LEVEL=debug để xem chi tiết kỹ thuật.',
    en: 'The command failed: {error}. Run it again with LOG_LEVEL=debug for the technical details.',
  },
  start_base_url_unset: {
    vi: 'PORTAL_BASE_URL chưa đặt: liên kết trong tin đăng Facebook/YouTube/Zalo, RSS, sơ đồ trang và chat đang trỏ tới {url}, người dân không mở được. Đặt PORTAL_BASE_URL=https://tên-miền-cổng rồi khởi động lại. Kênh đã kết nối: {channels}.',
    en: 'PORTAL_BASE_URL is not set: links in Facebook/YouTube/Zalo posts, feeds, the sitemap and chat point at {url}, which the public cannot open. Set PORTAL_BASE_URL=https://the-portal-domain and restart. Connected channels: {channels}.',
  },
  start_base_url_local: {
    vi: 'PORTAL_BASE_URL là {url}, một địa chỉ chỉ máy này mở được: liên kết gửi ra ngoài (Facebook, RSS, sơ đồ trang, chat) sẽ hỏng. Kênh đã kết nối: {channels}.',
    en: 'PORTAL_BASE_URL is {url}, an address only this machine can open: links sent out (Facebook, feeds, the sitemap, chat) will be broken. Connected channels: {channels}.',
  },
  start_zone_not_vietnam: {
    vi: 'TIMEZONE={zone} ({offset}) không phải giờ Việt Nam (UTC+07:00): hạn xử lý, ngày trên trang và báo cáo sẽ tính theo múi giờ này. Nếu không cố ý, đặt TIMEZONE=Asia/Ho_Chi_Minh.',
    en: 'TIMEZONE={zone} ({offset}) is not Vietnam’s time (UTC+07:00): deadlines, dates on pages and reports follow that zone. Unless meant, set TIMEZONE=Asia/Ho_Chi_Minh.',
  },
  start_base_url_example: {
    vi: 'PORTAL_BASE_URL là {url}, địa chỉ mẫu (trong tệp môi trường mẫu), không phải cổng của tỉnh: mọi liên kết gửi ra ngoài (Facebook, Zalo, RSS, sơ đồ trang, chat) sẽ sai. Đặt tên miền thật của cổng. Kênh đã kết nối: {channels}.',
    en: 'PORTAL_BASE_URL is {url}, an example address (from the sample environment file), not the province’s portal: every link sent out (Facebook, Zalo, feeds, the sitemap, chat) would be wrong. Set the portal’s real domain. Connected channels: {channels}.',
  },
  start_base_url_private: {
    vi: 'PORTAL_BASE_URL là {url}, một địa chỉ trong mạng nội bộ: người đọc trên Internet, Facebook và Zalo không mở được liên kết gửi ra ngoài (RSS, sơ đồ trang, chat). Đặt tên miền công khai của cổng. Kênh đã kết nối: {channels}.',
    en: 'PORTAL_BASE_URL is {url}, an address inside a private network: readers on the Internet, Facebook and Zalo cannot open the links sent out (feeds, the sitemap, chat). Set the portal’s public domain. Connected channels: {channels}.',
  },
  start_shared_addresses: {
    vi: '{count} địa chỉ thư điện tử đang do nhiều người dùng chung (bản cũ cho phép; khi nâng cấp không gộp ai): {addresses}. Xem ai bằng person list (dấu (!)), rồi sửa bằng person edit --person MÃ --email … hoặc person deactivate MÃ.',
    en: 'E-mail addresses shared by several people ({count}; an older release allowed it, the upgrade merged nobody): {addresses}. See who with person list (marked (!)), then fix with person edit --person ID --email … or person deactivate ID.',
  },
  start_disk_low: {
    vi: 'Chỉ còn {free} trống ở {dir}: ảnh, video và cơ sở dữ liệu có thể làm đầy ổ đĩa và dịch vụ sẽ ngừng nhận tin. Giải phóng chỗ hoặc chuyển DATA_DIR (hay MEDIA_DIR) sang ổ lớn hơn.',
    en: 'Only {free} free at {dir}: photos, videos and the database may fill the disk, and the service would stop taking items in. Free some space or move DATA_DIR (or MEDIA_DIR) to a larger disk.',
  },
  log_hub_secret_ready: { vi: 'khóa HUB_SECRET đã sẵn sàng', en: 'hub secret ready' },
  log_migrations_applied: { vi: 'đã cập nhật lược đồ cơ sở dữ liệu', en: 'migrations applied' },
  log_schema_up_to_date: { vi: 'lược đồ cơ sở dữ liệu đã mới nhất', en: 'database schema up to date' },
  log_credentials_resealed: { vi: 'đã khóa lại thông tin đăng nhập theo từng dòng', en: 'credentials re-sealed to their rows' },
  log_credentials_unreadable: { vi: 'HUB_SECRET này không mở được thông tin đăng nhập: kết nối lại các kênh đó', en: 'credentials this HUB_SECRET cannot open: reconnect them' },
  log_credentials_refused: {
    vi: 'thông tin đăng nhập dạng cũ xuất hiện sau khi nâng cấp (chép từ bản sao lưu hay dòng khác): không dùng, hãy kết nối lại',
    en: 'credentials of the old form appeared after the upgrade (copied from a backup or another row): not used, reconnect them',
  },
  log_listening: { vi: 'portal-hub đang chạy tại {url}', en: 'portal-hub listening on {url}' },
  start_build_stale: {
    vi: 'Bản biên dịch trong {root}/dist cũ hơn mã nguồn (đã git pull mà chưa build?): chạy npm run build rồi khởi động lại. Chưa làm gì với cơ sở dữ liệu.',
    en: 'The compiled service in {root}/dist is older than the sources (git pull without a build?): run npm run build, then start again. The database was not touched.',
  },
  log_shutting_down: { vi: 'đang dừng', en: 'shutting down' },
  log_stopped: { vi: 'đã dừng', en: 'stopped' },
  log_shutdown_overdue: { vi: 'dừng quá lâu: thoát khi còn chờ {parts}', en: 'stopping took too long: exiting while still waiting for {parts}' },
  secret_mismatch: {
    vi: 'Khóa trong {source} không phải khóa đã ghi cơ sở dữ liệu này (hàng cuối của nhật ký kiểm toán không khớp): dùng đúng HUB_SECRET (hay tệp hub-secret) của dữ liệu này. Nếu khóa đúng, hàng cuối đã bị sửa: chạy audit verify để xem. Chưa ghi gì.',
    en: 'The key in {source} is not the one this database was written with (the audit trail’s last row does not match): use this data’s HUB_SECRET (or hub-secret file). If the key is right, the last row was altered: run audit verify to see. Nothing was written.',
  },
} as const;
