/** What the CLI says about where it works (src/cli/place.ts). */
export const CLI_MESSAGES = {
  cli_database_used: { vi: 'Cơ sở dữ liệu: {where}', en: 'Database: {where}' },
  cli_database_missing: {
    vi: 'Không có cơ sở dữ liệu tại {where}; lệnh này không tạo mới. Chạy lệnh cho dự án ở {root} (hoặc chỉ rõ --data THƯ_MỤC hay DATABASE_URL), hoặc tạo mới bằng: node bin/portal-hub.mjs init',
    en: 'No database at {where}; this command does not create one. Run it for the project at {root} (or name one with --data DIR or DATABASE_URL), or create one with: node bin/portal-hub.mjs init',
  },
} as const;
