import { AUDIT_MESSAGES } from './auditMessages.js';
import { CHANNEL_MESSAGES } from './channelMessages.js';
import { CHAT_MESSAGES } from './chatMessages.js';
import { COMMAND_MESSAGES } from './commandMessages.js';
import { DESK_MESSAGES } from './deskMessages.js';
import { PORTAL_MESSAGES } from './portalMessages.js';
import { SEARCH_MESSAGES } from './searchMessages.js';
import { ZALO_GROUP_MESSAGES } from './zaloGroupMessages.js';
import { ZALO_BOT_MESSAGES } from './zaloBotMessages.js';
import { SEND_BUDGET_MESSAGES } from './sendBudgetMessages.js';
import { INTERACTION_MESSAGES } from './interactions/messages.js';
import { INTERACTION_DESK_MESSAGES } from './interactions/deskMessages.js';
import { INTERACTION_PORTAL_MESSAGES } from './interactions/portalMessages.js';
import { TICKET_MESSAGES } from './tickets/messages.js';
import { TICKET_DESK_MESSAGES } from './tickets/deskMessages.js';
import { TICKET_PORTAL_MESSAGES } from './tickets/portalMessages.js';
import { MAIL_MESSAGES } from './tickets/mailMessages.js';
import { CALENDAR_MESSAGES } from './tickets/calendarMessages.js';
import { CONSULTATION_MESSAGES } from './consultations/messages.js';
import { DEMO_MESSAGES } from './demoMessages.js';
import { WELCOME_MESSAGES } from './welcomeMessages.js';
import { CLI_MESSAGES } from './cliMessages.js';
import { START_MESSAGES } from './startMessages.js';
import { ROYALTY_MESSAGES } from './royalties/messages.js';
import { REVENUE_MESSAGES } from './revenue/messages.js';
import { AD_MESSAGES } from './ads/messages.js';
import { MENU_MESSAGES } from './menuMessages.js';
import { BACKUP_MESSAGES } from './backupMessages.js';
import { REPORT_MESSAGES } from './reports/messages.js';
import { REPORT_CHAT_MESSAGES } from './reports/chatMessages.js';
import { DOCUMENT_MESSAGES } from './documents/messages.js';
import { SITE_LOOK_MESSAGES } from './siteLookMessages.js';
import { PROCEDURE_MESSAGES } from './procedureMessages.js';

/**
 * The one message catalogue: what people read, Vietnamese first, English second.
 * `{name}` placeholders are filled from a refusal's detail.
 */
export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

export function isLang(value: string): value is Lang {
  return value === 'vi' || value === 'en';
}

const CORE_MESSAGES = {
  secret_file_short: {
    vi: 'Tệp khóa {file} trống hoặc quá ngắn ({length} ký tự, cần ít nhất 32): với khóa như vậy, chữ ký nút bấm và mã hóa token không còn tác dụng. Hãy khôi phục tệp từ bản sao lưu; nếu chưa có dữ liệu nào, xóa tệp để dịch vụ tạo khóa mới.',
    en: 'The key file {file} is empty or too short ({length} characters, at least 32 needed): with such a key, button signatures and token encryption protect nothing. Restore it from your backup; if there is no data yet, delete it and the service makes a new one.',
  },
  secret_file_open: {
    vi: 'Tệp khóa {file} để người khác đọc được (quyền {mode}). Hãy chạy: chmod 600 {file}',
    en: 'The key file {file} can be read by others (mode {mode}). Run: chmod 600 {file}',
  },
  wrong_state: { vi: 'Tin bài đang ở trạng thái “{state}”, không thực hiện được thao tác này.', en: 'The item is “{state}”; this action is not possible now.' },
  not_your_step: { vi: 'Bước hiện tại là “{step}”: chỉ người có vai trò “{role}” được thao tác.', en: 'The current step is “{step}”: only a “{role}” may act on it.' },
  stale_revision: { vi: 'Nội dung đã được sửa sau khi thẻ duyệt này được gửi. Hãy xem bản mới nhất.', en: 'The content changed after this card was sent. Review the latest revision.' },
  own_submission: { vi: 'Không được tự duyệt tin bài do chính mình gửi hoặc viết.', en: 'You cannot approve an item you submitted or wrote yourself.' },
  own_revision: { vi: 'Không được duyệt bản sửa do chính mình viết ở bước khác.', en: 'You cannot approve a revision you wrote at another step.' },
  already_approved_other_step: { vi: 'Bạn đã duyệt tin bài này ở bước “{step}”; mỗi bước cần một người khác.', en: 'You already approved this item at step “{step}”; each step needs another person.' },
  note_required: { vi: 'Cần ghi rõ lý do.', en: 'A reason is required.' },
  bad_return_step: { vi: 'Không trả lại được về bước “{step}”.', en: 'Cannot return the item to step “{step}”.' },
  already_sensitive: { vi: 'Tin bài đã được đánh dấu nhạy cảm.', en: 'The item is already flagged sensitive.' },
  no_change: { vi: 'Nội dung không thay đổi.', en: 'The content did not change.' },
  not_authorised: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  already_decided: { vi: 'Đã được {by} xử lý trước ({action}).', en: 'Already decided by {by} ({action}).' },
  unknown_item: { vi: 'Không tìm thấy tin bài {code}.', en: 'No item {code}.' },
  unknown_site: { vi: 'Không tìm thấy trang “{site}”.', en: 'No site “{site}”.' },
  unknown_person: { vi: 'Không tìm thấy người dùng “{person}”.', en: 'No person “{person}”.' },
  unknown_submission: { vi: 'Không tìm thấy tin gửi “{submission}”.', en: 'No submission “{submission}”.' },
  unknown_delegation: { vi: 'Không tìm thấy ủy quyền còn hiệu lực.', en: 'No active delegation found.' },
  empty_title: { vi: 'Tin bài cần có tiêu đề (dòng đầu tiên).', en: 'The item needs a title (its first line).' },
  already_granted: { vi: 'Người này đã có vai trò đó trên trang này.', en: 'This person already holds that role on this site.' },
  team_cap_reached: { vi: 'Đã đủ số người tối đa ({limit}) cho vai trò “{role}” trên trang này.', en: 'The “{role}” team of this site is full ({limit} at most).' },
  not_admin: { vi: 'Chỉ quản trị viên của trang được làm việc này.', en: 'Only an admin of the site may do this.' },
  no_such_grant: { vi: 'Người này không có vai trò đó trên trang này.', en: 'This person does not hold that role on this site.' },
  not_deputy: { vi: 'Chỉ Phó Trưởng ban thường trực được ủy quyền xuất bản.', en: 'Only the standing deputy head may delegate publishing.' },
  not_secretary: { vi: 'Chỉ ủy quyền được cho Thư ký Ban Biên tập.', en: 'Publishing can only be delegated to the secretary.' },
  until_in_past: { vi: 'Ngày hết hạn ủy quyền phải ở tương lai.', en: 'The delegation must end in the future.' },
  already_initialised: { vi: 'Hệ thống đã được khởi tạo.', en: 'portal-hub is already initialised.' },
  site_exists: { vi: 'Trang “{site}” đã tồn tại.', en: 'Site “{site}” already exists.' },
  prefix_taken: { vi: 'Tiền tố mã tin “{prefix}” đã thuộc trang “{site}”; mỗi trang cần một tiền tố riêng.', en: 'The code prefix “{prefix}” already belongs to site “{site}”; each site needs its own.' },
  bad_prefix: { vi: 'Tiền tố mã tin “{prefix}” phải gồm 1–6 chữ in hoa.', en: 'Code prefix “{prefix}” must be 1–6 capital letters.' },
  bad_site_kind: { vi: 'Loại trang “{kind}” không hợp lệ; chọn một trong: {kinds}.', en: 'Site kind “{kind}” is not one of: {kinds}.' },
  bad_key: { vi: 'Mã trang “{key}” chỉ gồm chữ thường, số và dấu gạch ngang.', en: 'Site key “{key}” may hold only lower-case letters, digits and dashes.' },
  invalid_code: { vi: 'Mã liên kết không đúng, đã dùng hoặc đã hết hạn.', en: 'The link code is wrong, used or expired.' },
  identity_taken: { vi: 'Tài khoản chat này đã được liên kết với người khác.', en: 'This chat account is already linked to someone.' },
  person_has_identity: { vi: 'Người này đã liên kết một tài khoản khác trên nền tảng này.', en: 'This person already linked another account on this platform.' },
} as const;

const CATALOGUE = { ...CORE_MESSAGES, ...DESK_MESSAGES, ...COMMAND_MESSAGES, ...PORTAL_MESSAGES, ...CHANNEL_MESSAGES, ...ZALO_GROUP_MESSAGES, ...ZALO_BOT_MESSAGES, ...CHAT_MESSAGES, ...AUDIT_MESSAGES, ...INTERACTION_MESSAGES, ...INTERACTION_DESK_MESSAGES, ...INTERACTION_PORTAL_MESSAGES,
  ...TICKET_MESSAGES,
  ...TICKET_DESK_MESSAGES,
  ...TICKET_PORTAL_MESSAGES,
  ...MAIL_MESSAGES,
  ...CALENDAR_MESSAGES,
  ...CONSULTATION_MESSAGES,
  ...SEARCH_MESSAGES,
  ...DEMO_MESSAGES,
  ...WELCOME_MESSAGES,
  ...CLI_MESSAGES,
  ...START_MESSAGES,
  ...ROYALTY_MESSAGES,
  ...REVENUE_MESSAGES,
  ...AD_MESSAGES,
  ...MENU_MESSAGES,
  ...BACKUP_MESSAGES,
  ...REPORT_MESSAGES,
  ...REPORT_CHAT_MESSAGES,
  ...SEND_BUDGET_MESSAGES,
  ...DOCUMENT_MESSAGES,
  ...SITE_LOOK_MESSAGES,
  ...PROCEDURE_MESSAGES,
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof CATALOGUE;

export function isMessageKey(key: string): key is MessageKey {
  return key in CATALOGUE;
}

export function message(lang: Lang, key: string, detail: Record<string, string> = {}): string {
  const template: string = isMessageKey(key) ? CATALOGUE[key][lang] : key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => detail[name] ?? `{${name}}`);
}

/** Both languages, Vietnamese first: for terminals and logs read by either team. */
export function bilingual(key: string, detail?: Record<string, string>): string {
  return `${message('vi', key, detail)}\n${message('en', key, detail)}`;
}

/** Both languages on one line, for a log line (a journal shows one line per entry). */
export function logLine(key: string, detail?: Record<string, string>): string {
  return `${message('vi', key, detail)} / ${message('en', key, detail)}`;
}

const NAMED_FIELDS: readonly (readonly [string, string])[] = [
  ['step', 'step_'],
  ['role', 'role_'],
  ['state', 'state_'],
];

/** A refusal in words, with the steps, roles and states it names in the reader's language. */
export function explain(lang: Lang, refusal: { reason: string; detail?: Record<string, string> }): string {
  const detail = { ...refusal.detail };
  for (const [field, prefix] of NAMED_FIELDS) {
    const value = detail[field];
    if (value !== undefined && isMessageKey(`${prefix}${value}`)) detail[field] = message(lang, `${prefix}${value}`);
  }
  return message(lang, refusal.reason, detail);
}
