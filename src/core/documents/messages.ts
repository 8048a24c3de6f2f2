/**
 * What people read about documents (issue 20.4): the clerk's refusals at the terminal, the library page and the
 * article's metadata table. A catalogue part: merged by src/core/messages.ts, never importing it.
 */
export const DOCUMENT_MESSAGES = {
  doc_bad_number: {
    vi: 'Số ký hiệu (--document-number) phải bắt đầu bằng chữ hoặc số, chỉ gồm chữ, số và các dấu “/ - .”, tối đa {max} ký tự, không có ký tự ẩn hay đảo chiều (ví dụ 123/QĐ-UBND).',
    en: 'The number and symbol (--document-number) must start with a letter or digit and hold only letters, digits and “/ - .”, at most {max} characters, nothing invisible or direction-changing (e.g. 123/QĐ-UBND).',
  },
  doc_bad_type: { vi: 'Loại văn bản “{given}” không có; chọn một trong: {types}.', en: 'No document type “{given}”; choose one of: {types}.' },
  doc_bad_name: {
    vi: '{field} không được để trống, tối đa {max} ký tự, không có ký tự điều khiển hay đảo chiều.',
    en: '{field} must not be empty, at most {max} characters, without control or direction-changing characters.',
  },
  doc_bad_date: { vi: '{field} “{given}” không phải một ngày dạng dd/mm/yyyy.', en: '{field} “{given}” is not a day written dd/mm/yyyy.' },
  doc_issued_future: { vi: 'Ngày ban hành {given} chưa đến.', en: 'The issue date {given} is in the future.' },
  doc_issued_too_early: {
    vi: 'Ngày ban hành {given} trước ngày thành lập nước {first}: có lẽ gõ nhầm năm.',
    en: 'The issue date {given} is before the founding of the state on {first}: perhaps a slip of the year.',
  },
  doc_effective_too_late: {
    vi: 'Ngày hiệu lực {effective} sau ngày ban hành {issued} hơn {years} năm: có lẽ gõ nhầm năm.',
    en: 'The effective date {effective} is more than {years} years after the issue date {issued}: perhaps a slip of the year.',
  },
  doc_effective_before_issued: { vi: 'Ngày hiệu lực {effective} trước ngày ban hành {issued}.', en: 'The effective date {effective} is before the issue date {issued}.' },
  doc_duplicate: {
    vi: 'Văn bản số {number} của {agency} đã được nhập trên trang {site}: {code}. Không nhập lần thứ hai; nếu cần thay, từ chối {code} (khi đang chờ duyệt) hoặc gỡ {code} (khi đã đăng) trước.',
    en: 'Document {number} from {agency} is already logged on the site {site}: {code}. It is not logged twice; to replace it, reject {code} (while in review) or take it down (once published) first.',
  },
  doc_editor_only: { vi: 'Văn bản do người có vai trò Biên tập trên trang {site} nhập (--by); người này chưa có vai trò đó.', en: 'Documents are logged by an editor of the site {site} (--by); this person is not one.' },
  doc_title_required: {
    vi: 'Văn bản cần có trích yếu (--title): không để trống, tối đa {max} ký tự, không có ký tự điều khiển hay đảo chiều.',
    en: 'The document needs a title (--title): not empty, at most {max} characters, without control or direction-changing characters.',
  },
  doc_file_unreadable: { vi: 'Không đọc được tệp “{file}” ({error}): kiểm tra đường dẫn và quyền đọc.', en: 'Cannot read the file “{file}” ({error}): check its path and that it may be read.' },
  doc_file_too_large: { vi: 'Tệp “{file}” nặng {size}, quá giới hạn {limit}; không lưu gì.', en: 'The file “{file}” is {size}, over the {limit} limit; nothing was kept.' },
  doc_file_type: {
    vi: 'Tệp “{file}” không phải PDF hay DOCX (nội dung tệp là: {type}); không lưu gì.',
    en: 'The file “{file}” is not a PDF or DOCX (its bytes say: {type}); nothing was kept.',
  },
  doc_refused: { vi: 'Chưa nhập văn bản:', en: 'The document was not logged:' },
  doc_logged: { vi: 'Đã nhập văn bản {code} ({number}); chờ Biên tập duyệt.', en: 'Document {code} ({number}) logged; waiting for the editors.' },
  doc_text_read: { vi: 'Đã đọc {chars} ký tự nội dung tệp để tìm kiếm.', en: 'Read {chars} characters of the file’s text for search.' },
  doc_text_unreadable: {
    vi: 'Không đọc được nội dung tệp (hỏng hoặc có mật khẩu): văn bản vẫn được đăng kèm tệp, nhưng không tìm được theo nội dung. Để thay tệp: từ chối văn bản này rồi nhập lại với tệp khác.',
    en: 'The file’s text could not be read (broken or password-protected): the document is still published with its file, but cannot be found by its text. To change the file, reject this one and log it again with another.',
  },
  doc_text_over_budget: {
    vi: 'Nội dung tệp quá lớn để đọc ({limit}; có thể là tệp “bom nén”): văn bản vẫn được đăng kèm tệp, nhưng không tìm được theo nội dung. Để thay tệp: từ chối văn bản này rồi nhập lại với tệp khác.',
    en: 'The file’s text is too big to read ({limit}; perhaps a “zip bomb”): the document is still published with its file, but cannot be found by its text. To change the file, reject this one and log it again with another.',
  },
  doc_text_empty: {
    vi: 'Tệp không có lớp chữ (có thể là bản quét): văn bản vẫn được đăng kèm tệp, nhưng không tìm được theo nội dung.',
    en: 'The file has no text layer (perhaps a scan): the document is still published with its file, but cannot be found by its text.',
  },
  docs_title: { vi: 'Văn bản', en: 'Documents' },
  docs_intro: { vi: 'Văn bản đăng tải trên {site}.', en: 'Documents published on {site}.' },
  docs_number: { vi: 'Số ký hiệu', en: 'Number' },
  docs_type: { vi: 'Loại văn bản', en: 'Type' },
  docs_agency: { vi: 'Cơ quan ban hành', en: 'Issuing agency' },
  docs_signer: { vi: 'Người ký', en: 'Signer' },
  docs_field: { vi: 'Lĩnh vực', en: 'Field' },
  docs_year: { vi: 'Năm ban hành', en: 'Year of issue' },
  docs_issued: { vi: 'Ngày ban hành', en: 'Issue date' },
  docs_effective: { vi: 'Ngày hiệu lực', en: 'Effective date' },
  docs_excerpt: { vi: 'Trích yếu', en: 'Title' },
  docs_q: { vi: 'Từ trong nội dung', en: 'A word in the text' },
  docs_site: { vi: 'Đơn vị', en: 'Site' },
  docs_filter: { vi: 'Lọc', en: 'Filter' },
  docs_any: { vi: 'Tất cả', en: 'Any' },
  docs_count: { vi: '{count} văn bản.', en: '{count} document{s}.' },
  docs_none: { vi: 'Không có văn bản nào khớp.', en: 'No document matches.' },
  docs_file: { vi: 'Tải tệp văn bản', en: 'Download the document' },
  docs_no_file: { vi: 'Không có tệp đính kèm.', en: 'No file attached.' },
  docs_timeliness: { vi: 'Thời gian đăng', en: 'Published' },
  docs_on_time: { vi: 'đúng hạn (đăng sau {days} ngày làm việc)', en: 'on time (published after {days} working day{s})' },
  docs_late: { vi: 'chậm {late} ngày làm việc (hạn {deadline} ngày làm việc)', en: '{late} working day{ls} late (deadline {deadline} working day{ds})' },
  docs_bad_filter: { vi: 'Giá trị lọc không hợp lệ: {param}.', en: 'Filter value not valid: {param}.' },
} as const;
