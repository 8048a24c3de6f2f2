/** What operators read about the royalty frame (part of the one catalogue in messages.ts). Vietnamese first. */
export const ROYALTY_MESSAGES = {
  royalty_bad_amount: {
    vi: '{field}: “{value}” không phải số tiền hợp lệ (số nguyên dương, tối đa {max} đồng).',
    en: '{field}: “{value}” is not a valid amount (a whole number above 0, at most {max} đồng).',
  },
  royalty_bad_percent: { vi: '{field}: “{value}” phải là số nguyên từ {min} đến 100 (phần trăm).', en: '{field}: “{value}” must be a whole number from {min} to 100 (percent).' },
  royalty_bad_genre_key: { vi: 'Mã thể loại “{key}” chỉ gồm chữ thường, số và dấu gạch ngang.', en: 'Genre key “{key}” may hold only lower-case letters, digits and dashes.' },
  royalty_bad_range: { vi: 'Khung hệ số {min}–{max} không hợp lệ: cần 0 < tối thiểu ≤ tối đa ≤ 1000.', en: 'The coefficient range {min}–{max} is not valid: 0 < min ≤ max ≤ 1000 is needed.' },
  royalty_bad_day: { vi: '“{given}” không phải ngày: gõ dd/mm/yyyy.', en: '“{given}” is not a day: type dd/mm/yyyy.' },
  royalty_bad_number: { vi: '“{given}” không phải số.', en: '“{given}” is not a number.' },
  royalty_bad_coefficient: { vi: '“{given}” không phải hệ số: gõ như 1,5 (tối đa hai chữ số thập phân).', en: '“{given}” is not a coefficient: type it as 1.5 (two decimals at most).' },
  royalty_frame_salaries: { vi: 'Lương cơ sở (1 hệ số = một phần trăm của lương cơ sở):', en: 'Base salary (one coefficient unit is a percentage of it):' },
  royalty_frame_salary: { vi: '  từ {from}: {base} đồng; 1 hệ số = {percent} % = {unit} đồng', en: '  from {from}: {base} đồng; one unit = {percent} % = {unit} đồng' },
  royalty_frame_taxes: { vi: 'Thuế thu nhập cá nhân khấu trừ trên mỗi lần chi:', en: 'Personal income tax withheld on each payment:' },
  royalty_frame_tax: { vi: '  từ {from}: {rate} % trên khoản chi từ {threshold} đồng; người không cư trú {nonResident} % mọi khoản', en: '  from {from}: {rate} % on a payment of {threshold} đồng or more; non-residents {nonResident} % on any payment' },
  royalty_frame_genres: { vi: 'Thể loại và khung hệ số:', en: 'Genres and their coefficient ranges:' },
  royalty_frame_genre: { vi: '  {key}: {name}, hệ số {range}', en: '  {key}: {name}, coefficient {range}' },
  royalty_frame_sites: { vi: 'Trang thành phần trả theo phần trăm mức của cổng:', en: 'Component sites pay a percentage of the portal’s rates:' },
  royalty_frame_site: { vi: '  {kind} từ {from}: {percent} %', en: '  {kind} from {from}: {percent} %' },
  royalty_set: { vi: 'Đã lưu: {what}.{previous}', en: 'Saved: {what}.{previous}' },
  royalty_replaced: { vi: ' Thay cho: {previous}.', en: ' Replacing: {previous}.' },
} as const;
