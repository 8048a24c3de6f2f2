/** Administrative procedures' links (src/core/portal/procedures.ts): the CLI's answers and the portal's page. */
export const PROCEDURE_MESSAGES = {
  proc_name_required: { vi: 'Cần tên thủ tục (--name; --name-en nếu có tên tiếng Anh): không để trống, không quá {max} ký tự, không có ký tự điều khiển.', en: 'The procedure needs a name (--name; --name-en for its English name): not empty, at most {max} characters, no control characters.' },
  proc_bad_url: { vi: 'Địa chỉ “{url}” không phải địa chỉ http(s) hợp lệ của Cổng dịch vụ công.', en: '“{url}” is not a valid http(s) address on the public-service portal.' },
  proc_host_not_allowed: { vi: 'Địa chỉ thuộc “{host}”, không phải Cổng dịch vụ công đã cấu hình ({hosts}). Thủ tục chỉ được liên kết tới Cổng dịch vụ công (đặt PUBLIC_SERVICE_HOSTS).', en: 'The address is on “{host}”, not the configured public-service portal ({hosts}). Procedures link to the public-service portal only (set PUBLIC_SERVICE_HOSTS).' },
  proc_exists: { vi: 'Thủ tục có địa chỉ {url} đã có trong danh sách của trang này.', en: 'A procedure at {url} is already on this site’s list.' },
  proc_too_many: { vi: 'Mỗi trang liên kết tối đa {max} thủ tục.', en: 'A site links at most {max} procedures.' },
  proc_unknown: { vi: 'Trang này không có thủ tục nào ở địa chỉ {url}.', en: 'This site has no procedure at {url}.' },
  proc_busy: { vi: 'Danh sách thủ tục của trang vừa được sửa cùng lúc; hãy chạy lại lệnh.', en: 'The site’s procedure list was changed at the same moment; run the command again.' },
  proc_added: { vi: 'Đã thêm thủ tục “{name}” cho trang {site} ({count} thủ tục).', en: 'Added the procedure “{name}” to {site} ({count} procedures).' },
  proc_removed: { vi: 'Đã bỏ thủ tục ở địa chỉ {url} khỏi trang {site} ({count} thủ tục).', en: 'Removed the procedure at {url} from {site} ({count} procedures).' },
  proc_list_none: { vi: 'Trang {site} chưa liên kết thủ tục nào.', en: '{site} links no procedures yet.' },
  proc_title: { vi: 'Thủ tục hành chính', en: 'Administrative procedures' },
  proc_intro: {
    vi: 'Các thủ tục hành chính của {site} được tiếp nhận và giải quyết trên Cổng dịch vụ công. Mỗi liên kết dưới đây mở thủ tục tại đó.',
    en: 'The administrative procedures of {site} are filed and handled on the public-service portal. Each link below opens the procedure there.',
  },
  proc_none: { vi: 'Trang này chưa liên kết thủ tục hành chính nào.', en: 'This site links no administrative procedures yet.' },
} as const;
