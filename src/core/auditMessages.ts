import type { AuditFinding } from './audit.js';

/** What `audit verify`, the upgrade and the checkpoints tell the operator and the admins. */
export const AUDIT_MESSAGES = {
  audit_intact: { vi: 'Nhật ký nguyên vẹn: {rows} dòng, {checkpoints} mốc đối chiếu.', en: 'Audit trail intact: {rows} rows, {checkpoints} checkpoints checked.' },
  audit_tampered: { vi: 'Nhật ký bị can thiệp:', en: 'Audit trail tampered:' },
  audit_altered: { vi: 'dòng {seq} bị sửa (không khớp dấu băm hoặc chữ ký khóa).', en: 'row {seq} altered (its hash or key seal does not match).' },
  audit_missing: { vi: 'dòng {seq} bị xóa.', en: 'row {seq} missing (deleted).' },
  audit_inserted: { vi: 'dòng {seq} bị chèn thêm.', en: 'row {seq} inserted.' },
  audit_truncated: { vi: 'các dòng từ {seq} trở đi bị xóa ở cuối.', en: 'rows from {seq} on deleted from the end.' },
  audit_head: { vi: 'đầu chuỗi đã lưu không khớp dòng cuối ({seq}).', en: 'the stored head does not match the last row ({seq}).' },
  audit_unsealed: { vi: 'dòng {seq} không có chữ ký khóa.', en: 'row {seq} carries no key seal.' },
  audit_decision_edited: { vi: 'quyết định {decision} (dòng {seq}) bị sửa.', en: 'decision {decision} (row {seq}) edited.' },
  audit_decision_deleted: { vi: 'quyết định {decision} (dòng {seq}) bị xóa.', en: 'decision {decision} (row {seq}) deleted.' },
  audit_decision_inserted: { vi: 'quyết định {decision} (ghi cho dòng {seq}) bị chèn thêm.', en: 'decision {decision} (claiming row {seq}) inserted.' },
  audit_publication_edited: { vi: 'bản đăng {code} bị sửa.', en: 'publication {code} edited.' },
  audit_publication_deleted: { vi: 'bản đăng {code} bị xóa.', en: 'publication {code} deleted.' },
  audit_publication_inserted: { vi: 'bản đăng {code} bị chèn thêm.', en: 'publication {code} inserted.' },
  audit_checkpoint_truncated: {
    vi: 'nhật ký bị cắt ngắn dưới mốc {checkpoint}: mốc ghi dòng {seq}, nay đầu chuỗi chỉ ở dòng {head}.',
    en: 'trail truncated below checkpoint {checkpoint}: it anchored row {seq}, the head is now at row {head}.',
  },
  audit_checkpoint_differs: { vi: 'dòng {seq} không còn khớp mốc {checkpoint} (nhật ký bị cắt rồi ghi lại).', en: 'row {seq} no longer matches checkpoint {checkpoint} (the trail was cut and written again).' },
  audit_checkpoint_forged: { vi: 'mốc {checkpoint} không mang chữ ký của khóa này.', en: 'checkpoint {checkpoint} is not signed with this hub’s key.' },
  audit_wrong_key: {
    vi: 'Không kiểm tra được nhật ký bằng khóa này: {source} không phải khóa của dữ liệu này (đây không phải dấu hiệu bị sửa). Dùng đúng khóa của dịch vụ (tệp hub-secret trong thư mục dữ liệu, hoặc HUB_SECRET như dịch vụ đang đặt).',
    en: 'The trail cannot be checked with this key: {source} is not this data’s key (this is not a sign of tampering). Use the service’s own key (the hub-secret file in the data folder, or HUB_SECRET as the service has it).',
  },
  audit_checkpoint_bad: { vi: 'Không đọc được mốc đối chiếu: “{text}”.', en: 'Not a checkpoint: “{text}”.' },
  audit_keyed: {
    vi: 'Nhật ký của phiên bản trước đã được khóa: {rows} dòng được ký, đầu chuỗi cũ là dòng {seq} ({hash}).',
    en: 'The previous release’s audit trail is now keyed: {rows} rows sealed; the old head was row {seq} ({hash}).',
  },
  audit_unkeyed_broken: {
    vi: 'Nhật ký kiểm tra đã bị sửa trước khi nâng cấp ({finding}), nên không được khóa như một nhật ký lành. Hãy khôi phục cơ sở dữ liệu từ bản sao lưu, hoặc chạy `node bin/portal-hub.mjs audit upgrade --accept-break` để khóa nhật ký như hiện có; chỗ hỏng được ghi vào nhật ký.',
    en: 'The audit trail was altered before this upgrade ({finding}), so it is not keyed as if it were sound. Restore the database from a backup, or run `node bin/portal-hub.mjs audit upgrade --accept-break` to key it as it is; the break is recorded in the trail.',
  },
  audit_seals_removed: {
    vi: 'Nhật ký kiểm tra không còn chữ ký khóa, trong khi {file} cho thấy nó đã được khóa từ trước: chữ ký đã bị gỡ để viết lại nhật ký. Dịch vụ không khóa lại nhật ký này. Hãy khôi phục cơ sở dữ liệu từ bản sao lưu và chạy `node bin/portal-hub.mjs audit verify`. (Nếu bạn vừa khôi phục một bản sao lưu có từ trước khi nâng cấp, hãy chuyển {file} sang chỗ khác rồi khởi động lại.)',
    en: 'The audit trail has lost its seals while {file} shows it was keyed before: the seals were stripped to rewrite it. It is not keyed again. Restore the database from a backup and run `node bin/portal-hub.mjs audit verify`. (If you just restored a backup made before the upgrade, move {file} aside and start again.)',
  },
  secret_missing_with_data: {
    vi: 'Không có tệp khóa {file}, nhưng dữ liệu đã có ({what}). Khóa mới sẽ không mở được token các kênh và không kiểm chứng được nhật ký kiểm tra. Hãy khôi phục tệp khóa từ bản sao lưu (quyền 600), hoặc đặt HUB_SECRET.',
    en: 'The key file {file} is missing, but there is data already ({what}). A new key would open no channel token and could not verify the audit trail. Restore the key file from your backup (mode 600), or set HUB_SECRET.',
  },
  secret_missing_with_rows: {
    vi: 'Không có tệp khóa {file}, nhưng dữ liệu đã có ({rows} dòng nhật ký). Khóa mới sẽ không mở được token các kênh và không kiểm chứng được nhật ký kiểm tra. Hãy khôi phục tệp khóa từ bản sao lưu (quyền 600), hoặc đặt HUB_SECRET.',
    en: 'The key file {file} is missing, but there is data already (audit rows: {rows}). A new key would open no channel token and could not verify the audit trail. Restore the key file from your backup (mode 600), or set HUB_SECRET.',
  },
  audit_no_checkpoints: {
    vi: '⚠️ Không có mốc nào để đối chiếu ({file} trống hoặc không có): không phát hiện được việc cắt bớt các dòng cuối. Hãy đối chiếu với một mốc chép từ nhóm quản trị: `audit verify --checkpoint ‹dòng ckpt1:…›`.',
    en: '⚠️ No checkpoint to check against ({file} is missing or empty): rows cut from the end cannot be seen. Check against one copied from the admins’ chat: `audit verify --checkpoint <ckpt1:… line>`.',
  },
  audit_checkpoint_none: { vi: 'Đầu chuỗi chưa đổi từ mốc trước: không ghi mốc mới.', en: 'The head has not moved since the last checkpoint: none taken.' },
  audit_is_keyed: { vi: 'Nhật ký đã được khóa; đầu chuỗi ở dòng {seq}.', en: 'The audit trail is keyed; its head is row {seq}.' },
  audit_checkpoint_alert: {
    vi: '🔏 Mốc nhật ký kiểm tra: dòng {seq}, lúc {at}. Giữ tin này: `audit verify --checkpoint` đối chiếu được với nó.',
    en: '🔏 Audit checkpoint: row {seq} at {at}. Keep this message: `audit verify --checkpoint` can check the trail against it.',
  },
} as const;

/** A finding as a message key and its detail. */
export function findingMessage(f: AuditFinding): { key: keyof typeof AUDIT_MESSAGES; detail: Record<string, string> } {
  const detail = Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'kind').map(([k, v]) => [k, String(v)]));
  return { key: `audit_${f.kind}`, detail };
}
