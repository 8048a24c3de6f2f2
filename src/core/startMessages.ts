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
  cli_failed: {
    vi: 'Lệnh không thực hiện được: {error}. Chạy lại với LOG_LEVEL=debug để xem chi tiết kỹ thuật.',
    en: 'The command failed: {error}. Run it again with LOG_LEVEL=debug for the technical details.',
  },
} as const;
