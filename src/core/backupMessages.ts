/** What `backup` and `restore` say (src/cli/backup.ts). */
export const BACKUP_MESSAGES = {
  backup_written: {
    vi: 'Đã sao lưu vào {folder}: {files} tệp, {mb} MB; nhật ký đến dòng {seq}. Giữ thư mục này ở nơi an toàn: nó chứa khóa mở dữ liệu.',
    en: 'Backed up to {folder}: files: {files}, {mb} MB; the audit trail up to row {seq}. Keep this folder somewhere safe: it holds the key to the data.',
  },
  backup_written_keyless: {
    vi: 'Đã sao lưu vào {folder}: {files} tệp, {mb} MB; nhật ký đến dòng {seq}. Giữ thư mục này ở nơi an toàn.',
    en: 'Backed up to {folder}: files: {files}, {mb} MB; the audit trail up to row {seq}. Keep this folder somewhere safe.',
  },
  backup_secret_env: {
    vi: 'Khóa HUB_SECRET lấy từ biến môi trường nên không được ghi vào bản sao lưu: hãy cất nó cùng bản sao lưu (dấu vân tay {fingerprint}).',
    en: 'HUB_SECRET comes from the environment, so it was not written into the backup: keep it with the backup (fingerprint {fingerprint}).',
  },
  backup_exists: { vi: 'Đã có {detail}: không ghi đè bản sao lưu cũ. Chọn thư mục khác với --to.', en: '{detail} already exists: an earlier backup is never overwritten. Choose another folder with --to.' },
  backup_no_secret: {
    vi: 'Không thấy khóa {detail} và HUB_SECRET chưa đặt: không có khóa thì bản sao lưu không mở được. Dịch vụ đã từng chạy với thư mục dữ liệu này chưa?',
    en: 'No key at {detail} and HUB_SECRET is not set: a backup without its key cannot be opened. Has the service run with this data folder?',
  },
  backup_no_pg_dump: {
    vi: 'Cần pg_dump (gói postgresql-client) để sao lưu PostgreSQL: {detail}. Hoặc tự chạy: pg_dump --format=custom --file=database.pgdump, rồi chép khóa và thư mục media.',
    en: 'pg_dump (package postgresql-client) is needed to back up PostgreSQL: {detail}. Or run it yourself: pg_dump --format=custom --file=database.pgdump, then copy the key and the media folder.',
  },
  backup_pg_dump_failed: { vi: 'pg_dump không chạy được: {detail}', en: 'pg_dump failed: {detail}' },
  backup_copy_damaged: { vi: 'Bản sao vừa ghi không qua kiểm tra toàn vẹn ({detail}); không dùng được, hãy thử lại.', en: 'The copy just written failed its integrity check ({detail}); it cannot be used, try again.' },
  backup_to_empty: {
    vi: '--to để trống (biến môi trường chưa đặt?): cần tên thư mục chứa bản sao lưu. Không ghi gì.',
    en: '--to is empty (a variable not set?): name the folder backups go into. Nothing was written.',
  },
  backup_pg_unreachable: {
    vi: 'Không đọc được cơ sở dữ liệu PostgreSQL để sao lưu: {detail}. Chưa ghi gì.',
    en: 'Could not read the PostgreSQL database to back it up: {detail}. Nothing was written.',
  },
  backup_write_full: {
    vi: 'Không ghi được bản sao lưu vào {target}: ổ đĩa đích đã đầy. Giải phóng chỗ hoặc chọn ổ khác với --to.',
    en: 'The backup could not be written to {target}: the target disk is full. Free some space or choose another disk with --to.',
  },
  backup_write_permission: {
    vi: 'Không ghi được bản sao lưu vào {target}: không có quyền ghi vào đó ({error}).',
    en: 'The backup could not be written to {target}: no permission to write there ({error}).',
  },
  backup_write_read_only: {
    vi: 'Không ghi được bản sao lưu vào {target}: ổ đĩa đích chỉ cho đọc.',
    en: 'The backup could not be written to {target}: the target disk is read-only.',
  },
  backup_write_other: {
    vi: 'Không ghi được bản sao lưu vào {target}: {error}',
    en: 'The backup could not be written to {target}: {error}',
  },
  backup_partial_removed: {
    vi: 'Đã xóa bản sao lưu dở dang: không để lại gì trong {target}. Cơ sở dữ liệu đang chạy không bị thay đổi.',
    en: 'The unfinished backup was removed: nothing was left behind in {target}. The live database is untouched.',
  },
  backup_partial_left: {
    vi: 'Không xóa được bản sao lưu dở dang {folder} ({error}): hãy tự xóa thư mục đó, nó không dùng để khôi phục được. Cơ sở dữ liệu đang chạy không bị thay đổi.',
    en: 'The unfinished backup {folder} could not be removed ({error}): delete that folder yourself, it cannot be restored from. The live database is untouched.',
  },
  restore_not_backup: { vi: 'Không phải bản sao lưu của portal-hub: thiếu hoặc không đọc được {detail}.', en: 'Not a portal-hub backup: {detail} is missing or unreadable.' },
  restore_unsafe_path: {
    vi: 'Danh mục của bản sao lưu nêu một tệp ngoài thư mục dữ liệu ({detail}): bản sao này đã bị sửa, không phải do portal-hub ghi. Không khôi phục gì.',
    en: 'The backup’s manifest names a file outside the data folder ({detail}): it was altered, portal-hub never writes that. Nothing was restored.',
  },
  restore_damaged: {
    vi: 'Bản sao lưu bị hỏng hoặc bị sửa: tệp {detail} khác với danh mục. Không khôi phục gì.',
    en: 'The backup is damaged or was changed: the file {detail} differs from its manifest. Nothing was restored.',
  },
  restore_occupied: {
    vi: 'Thư mục đích đã có dữ liệu ({detail}): khôi phục chỉ ghi vào thư mục trống. Dừng dịch vụ, chuyển thư mục cũ đi chỗ khác, rồi chạy lại.',
    en: 'The target already holds data ({detail}): a restore only writes into an empty folder. Stop the service, move the old folder aside, and run it again.',
  },
  restore_secret_needed: {
    vi: 'Bản sao lưu này dùng HUB_SECRET từ biến môi trường (dấu vân tay {detail}): đặt đúng HUB_SECRET rồi chạy lại.',
    en: 'This backup uses HUB_SECRET from the environment (fingerprint {detail}): set that HUB_SECRET and run it again.',
  },
  restore_secret_mismatch: {
    vi: 'HUB_SECRET đang đặt không phải khóa của bản sao lưu (dấu vân tay {detail}): với khóa khác, dữ liệu khôi phục không mở được.',
    en: 'The HUB_SECRET set is not the backup’s key (fingerprint {detail}): with another key the restored data cannot be opened.',
  },
  restore_postgres: {
    vi: 'Bản sao lưu PostgreSQL được khôi phục bằng pg_restore vào một cơ sở dữ liệu trống: pg_restore --no-owner --dbname=TÊN {detail}; rồi chép hub-secret, audit-checkpoints và media/ vào thư mục dữ liệu và chạy audit verify.',
    en: 'A PostgreSQL backup is restored with pg_restore into an empty database: pg_restore --no-owner --dbname=NAME {detail}; then copy hub-secret, audit-checkpoints and media/ into the data folder and run audit verify.',
  },
  restore_done: {
    vi: 'Đã khôi phục {files} tệp từ bản sao lưu ngày {created} (phiên bản {version}) vào {where}. Kiểm tra nhật ký:',
    en: 'Restored the backup of {created} (release {version}, files: {files}) into {where}. Checking the audit trail:',
  },
  restore_head_moved: {
    vi: 'Đầu chuỗi nhật ký sau khôi phục ({found}) khác với lúc sao lưu ({expected}).',
    en: 'The audit trail’s head after the restore ({found}) differs from the backup’s ({expected}).',
  },
  audit_checkpoint_typo: {
    vi: '“{text}” không phải một mốc đối chiếu (dạng ckpt1:…:…:…:…, chép nguyên dòng từ nhóm quản trị hoặc tệp audit-checkpoints). Chưa kiểm tra gì.',
    en: '“{text}” is not a checkpoint (shape ckpt1:…:…:…:…, copied whole from the admins’ chat or the audit-checkpoints file). Nothing was checked.',
  },
} as const;
