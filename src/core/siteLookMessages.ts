/**
 * What the operator reads when giving a site its emblem and colour (issue 20.2). A catalogue part:
 * merged by src/core/messages.ts, never importing it. Vietnamese numbers take a decimal comma.
 */
export const SITE_LOOK_MESSAGES = {
  site_colour_bad: {
    vi: 'Màu “{colour}” không hợp lệ: gõ dạng #rrggbb (sáu chữ số hệ mười sáu), ví dụ #0b5394.',
    en: 'Colour “{colour}” is not valid: type it as #rrggbb (six hex digits), e.g. #0b5394.',
  },
  site_colour_low_contrast: {
    vi: 'Màu {colour} chỉ đạt độ tương phản {ratioVi}:1 với nền trắng, cần ít nhất 4,5:1 (WCAG AA) để chữ trắng trên thanh tiêu đề và các liên kết đọc được. Hãy chọn màu đậm hơn, ví dụ {suggestion} ({suggestionRatioVi}:1). Không lưu gì.',
    en: 'Colour {colour} has a contrast ratio of only {ratio}:1 against white; at least 4.5:1 (WCAG AA) is needed for the white text on the header bar and for links to be readable. Choose a darker shade, e.g. {suggestion} ({suggestionRatio}:1). Nothing was saved.',
  },
  site_emblem_unreadable: { vi: 'Không đọc được tệp biểu trưng “{file}”: {error}', en: 'Cannot read the emblem file “{file}”: {error}' },
  site_emblem_too_large: {
    vi: 'Tệp biểu trưng “{file}” nặng {size}, quá giới hạn {limit}; biểu trưng chỉ cần một ảnh nhỏ (ví dụ PNG 512×512). Không lưu gì.',
    en: 'The emblem file “{file}” is {size}, over the {limit} limit; an emblem needs only a small picture (e.g. a 512×512 PNG). Nothing was saved.',
  },
  site_emblem_svg: {
    vi: 'Không nhận biểu trưng SVG (“{file}”): tệp SVG có thể mang mã chạy trong trình duyệt của người đọc. Hãy xuất biểu trưng ra PNG rồi gửi lại. Không lưu gì.',
    en: 'SVG emblems are not taken (“{file}”): an SVG file can carry script that runs in readers’ browsers. Export the emblem as PNG and send that. Nothing was saved.',
  },
  site_emblem_bad_type: {
    vi: 'Tệp “{file}” không phải ảnh PNG, JPEG hay WebP (theo nội dung tệp: {type}). Không lưu gì.',
    en: 'The file “{file}” is not a PNG, JPEG or WebP picture (by its content: {type}). Nothing was saved.',
  },
  site_emblem_broken: {
    vi: 'Tệp “{file}” mở đầu như ảnh {type} nhưng không đọc được thành ảnh (hỏng, cắt dở hoặc quá lớn). Không lưu gì.',
    en: 'The file “{file}” starts like a {type} picture but cannot be read as one (damaged, cut short or too large). Nothing was saved.',
  },
  site_look_nothing: {
    vi: 'Cần ít nhất một trong --emblem, --colour (chuỗi rỗng "" để bỏ).',
    en: 'Give at least one of --emblem, --colour ("" to clear one).',
  },
  site_look_saved: { vi: 'Đã lưu giao diện trang {site}: biểu trưng {emblem}, màu {colour}.', en: 'Site {site} look saved: emblem {emblem}, colour {colour}.' },
  site_look_none: { vi: 'mặc định của cổng', en: 'the portal’s default' },
} as const;
