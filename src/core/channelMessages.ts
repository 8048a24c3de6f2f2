/** What operators read about mirrors (part of the one catalogue in messages.ts). Vietnamese first, English second. */
export const CHANNEL_MESSAGES = {
  bad_channel_key: { vi: 'Mã kênh “{key}” chỉ gồm chữ thường, số và dấu gạch ngang.', en: 'Channel key “{key}” may hold only lower-case letters, digits and dashes.' },
  unknown_platform: { vi: 'Nền tảng “{platform}” không được hỗ trợ; chọn một trong: {platforms}.', en: 'Platform “{platform}” is not one of: {platforms}.' },
  channel_exists: { vi: 'Kênh “{key}” đã có.', en: 'Channel “{key}” already exists.' },
  unknown_channel: { vi: 'Không có kênh “{key}”.', en: 'No channel “{key}”.' },
  empty_token: { vi: 'Cần mã truy cập (token) của kênh.', en: 'The channel’s access token is needed.' },
} as const;
