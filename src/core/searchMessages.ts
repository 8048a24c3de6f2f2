/** The search page's words (src/http/portal/views.ts searchPage). */
export const SEARCH_MESSAGES = {
  portal_search_help: {
    vi: 'Gõ có dấu hay không dấu đều được. Mỗi từ phải khớp trọn âm tiết (“an” không tìm ra “ngân”); thêm * sau từ để tìm theo phần đầu (ngâ* → ngân, ngày). Đặt cụm từ trong ngoặc kép để tìm đúng cụm: "phát triển kinh tế". Các từ như “của”, “và”, “là” được bỏ qua.',
    en: 'Type with or without Vietnamese accents. Each word matches a whole syllable (“an” does not find “ngân”); add * after a word to match its beginning (ngâ* → ngân, ngày). Put words in double quotes to find that exact phrase: "phát triển kinh tế". Words such as “của”, “và”, “là” are left out.',
  },
  portal_search_results_capped: {
    vi: 'Rất nhiều kết quả cho “{q}”: {count} tin mới nhất, xếp theo mức phù hợp. Thêm từ để thu hẹp.',
    en: 'Many results for “{q}”: the {count} newest, best match first. Add words to narrow them down.',
  },
  portal_search_busy: {
    vi: 'Hệ thống tìm kiếm đang bận. Mời bạn thử lại sau ít giây.',
    en: 'Search is busy right now. Please try again in a few seconds.',
  },
  portal_search_any: { vi: 'Tất cả', en: 'All' },
  portal_search_section: { vi: 'Chuyên mục', en: 'Section' },
  portal_search_site: { vi: 'Đơn vị', en: 'Site' },
  portal_search_from: { vi: 'Từ ngày', en: 'From' },
  portal_search_to: { vi: 'Đến ngày', en: 'To' },
  portal_search_left_out: {
    vi: 'Mỗi lần tìm dùng tối đa {n} từ; chưa tìm theo: {words}.',
    en: 'One search uses at most {n} words; not searched for: {words}.',
  },
} as const;
