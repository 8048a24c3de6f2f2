/** What operators read about mirrors (part of the one catalogue in messages.ts). Vietnamese first, English second. */
export const CHANNEL_MESSAGES = {
  bad_channel_key: { vi: 'Mã kênh “{key}” chỉ gồm chữ thường, số và dấu gạch ngang.', en: 'Channel key “{key}” may hold only lower-case letters, digits and dashes.' },
  unknown_platform: { vi: 'Nền tảng “{platform}” không được hỗ trợ; chọn một trong: {platforms}.', en: 'Platform “{platform}” is not one of: {platforms}.' },
  cannot_broadcast: { vi: 'Nền tảng “{platform}” không gửi tin tới người theo dõi.', en: 'Platform “{platform}” cannot broadcast to followers.' },
  channel_exists: { vi: 'Kênh “{key}” đã có.', en: 'Channel “{key}” already exists.' },
  unknown_channel: { vi: 'Không có kênh “{key}”.', en: 'No channel “{key}”.' },
  channel_account_taken: {
    vi: 'Tài khoản {platform} {account} đã là kênh “{key}”: hai kênh trên một trang sẽ đăng mỗi tin hai lần. Dùng kênh đó (channel reconnect {key} để thay token).',
    en: '{platform} account {account} is channel “{key}” already: two channels on one Page would post every item twice. Use that channel (channel reconnect {key} for a new token).',
  },
  channel_probe_refused: {
    vi: 'Nền tảng {platform} từ chối token cho tài khoản {account} ({reason}). Chưa lưu gì; kiểm tra mã tài khoản và token rồi kết nối lại.',
    en: '{platform} refused the token for account {account} ({reason}). Nothing was saved; check the account id and the token, then connect again.',
  },
  channel_reconnect_refused: {
    vi: 'Nền tảng {platform} từ chối token mới cho tài khoản {account} ({reason}). Chưa lưu gì: kênh {key} giữ token cũ và tình trạng cũ. Kiểm tra token rồi chạy lại channel reconnect {key}.',
    en: '{platform} refused the new token for account {account} ({reason}). Nothing was saved: channel {key} keeps its old token and state. Check the token, then run channel reconnect {key} again.',
  },
  channel_reconnect_unanswered: {
    vi: '{platform} không trả lời nên chưa kiểm tra được token mới ({reason}). Kênh {key} vẫn chạy, giữ token cũ: chạy lại sau, hoặc thêm --unverified để nhận token mới mà không kiểm tra.',
    en: '{platform} did not answer, so the new token could not be checked ({reason}). Channel {key} still runs on its old token: try again later, or add --unverified to take the new one unchecked.',
  },
  credentials_too_large: {
    vi: 'Thông tin đăng nhập quá lớn (giới hạn {limit}; token Facebook hay tệp JSON YouTube, Zalo OA chỉ vài trăm byte đến vài KB). Chưa đọc tiếp, chưa lưu gì; kiểm tra lại nội dung đưa vào stdin.',
    en: 'The credentials are too large (limit {limit}; a Facebook token or a YouTube or Zalo OA JSON is a few hundred bytes to a few KB). Nothing more was read and nothing was saved; check what was given on standard input.',
  },
  channel_sealed_elsewhere: {
    vi: 'Token của kênh “{key}” được khóa bằng một HUB_SECRET khác (thư mục dữ liệu hay biến môi trường khác với lúc kết nối): dùng đúng khóa, hoặc chạy channel reconnect {key}.',
    en: 'The token of channel “{key}” was sealed under another HUB_SECRET (a different data folder or environment than at connect): use that key, or run channel reconnect {key}.',
  },
  channel_test_reachable: {
    vi: 'Kênh {key} ({platform} {account}): token mở được “{name}”.{note}\n  Quyền được cấp: {granted}',
    en: 'Channel {key} ({platform} {account}): the token opens “{name}”.{note}\n  Permissions granted: {granted}',
  },
  probe_note_optional_scope: {
    vi: 'Lưu ý: chưa cấp {scope} (không bắt buộc): trả lời và ẩn bình luận từ chat sẽ bị từ chối.',
    en: 'Note: {scope} not granted (optional): comment replies and hiding from chat will be refused.',
  },
  probe_note_permissions_unknown: { vi: 'debug_token không trả lời: chưa biết token được cấp quyền gì.', en: 'debug_token unanswered: permissions not known.' },
  probe_note_followers: { vi: '{count} người quan tâm.', en: '{count} followers.' },
  channel_test_missing: {
    vi: '  Còn thiếu quyền: {missing}. Cấp thêm trong trang quản trị của nền tảng rồi chạy channel reconnect {key}.',
    en: '  Missing permissions: {missing}. Grant them in the platform’s settings, then run channel reconnect {key}.',
  },
  channel_test_not_listed: { vi: '(nền tảng không cho biết)', en: '(the platform does not say)' },
  channel_test_needsReauth: {
    vi: 'Kênh {key}: nền tảng từ chối token ({reason}). Lấy token mới rồi chạy: channel reconnect {key}',
    en: 'Channel {key}: the platform refused the token ({reason}). Get a new one, then run: channel reconnect {key}',
  },
  channel_test_rejected: {
    vi: 'Kênh {key}: token không dùng được cho tài khoản {account} ({reason}). Kiểm tra mã tài khoản và token.',
    en: 'Channel {key}: the token cannot be used for account {account} ({reason}). Check the account id and the token.',
  },
  channel_test_marked_reauth: {
    vi: '  Đã ghi vào kênh: {key} CẦN KẾT NỐI LẠI; kênh ngừng đăng, các tin chờ đăng được giữ lại (xem channel list).',
    en: '  Recorded on the channel: {key} NEEDS RECONNECTING; it stops posting and its waiting posts are kept (see channel list).',
  },
  channel_test_still_reauth: {
    vi: 'Kênh {key} vẫn CẦN KẾT NỐI LẠI{why} nên chưa đăng gì. Token nay đã trả lời được: chạy channel resume {key} để kênh chạy lại, hoặc channel reconnect {key} với token mới.',
    en: 'Channel {key} still NEEDS RECONNECTING{why}, so it posts nothing. The token answers now: run channel resume {key} to let it run again, or channel reconnect {key} with a new token.',
  },
  channel_test_retryLater: {
    vi: 'Kênh {key}: nền tảng không trả lời được lúc này ({reason}). Chưa biết token có dùng được không; thử lại sau.',
    en: 'Channel {key}: the platform could not answer now ({reason}). Whether the token works is not known yet; try again later.',
  },
  channel_paste_token: { vi: 'Dán token rồi nhấn Ctrl-D:', en: 'Paste the token, then Ctrl-D:' },
  empty_token: { vi: 'Cần mã truy cập (token) của kênh.', en: 'The channel’s access token is needed.' },
  bad_credentials: { vi: 'Không đọc được thông tin đăng nhập {platform} ({problem}; cần {expected}). Chưa lưu gì.', en: 'The {platform} credentials cannot be read ({problem}; expected {expected}). Nothing was saved.' },
  bad_credentials_not_json: { vi: 'Thông tin đăng nhập {platform} không phải JSON; cần {expected}. Chưa lưu gì.', en: 'The {platform} credentials are not JSON; expected {expected}. Nothing was saved.' },
  alert_needsReauth: { vi: '⚠️ Kênh {channel} cần kết nối lại: {reason}. Các tin chờ đăng được giữ lại (gần nhất: {code}). Sửa: /reconnect {channel}', en: '⚠️ Channel {channel} needs reconnecting: {reason}. Waiting posts are kept (latest: {code}). Fix: /reconnect {channel}' },
  alert_rejected: { vi: '⛔ Kênh {channel} từ chối tin {code}: {reason}. Sửa tin rồi gõ /retry {code}', en: '⛔ Channel {channel} refused {code}: {reason}. Fix the item, then /retry {code}' },
  alert_media_missing: { vi: '⚠️ Tệp {ref} của tin {codes} không còn trong kho tệp (MEDIA_DIR): người đọc và các kênh không nhận được tệp này.', en: '⚠️ File {ref} of {codes} is missing from media storage (MEDIA_DIR): readers and mirrors cannot get it.' },
  alert_stuck: { vi: '⏳ Tin {code} chưa lên kênh {channel} sau {minutes} phút ({attempts} lần thử; lỗi gần nhất: {reason}). Thử lại: /retry {code}', en: '⏳ {code} is not on {channel} after {minutes} minutes ({attempts} attempts; last error: {reason}). Try again: /retry {code}' },
  alert_stuck_reauth: { vi: '⏳ Tin {code} chưa lên kênh {channel} sau {minutes} phút: kênh đang chờ kết nối lại ({reason}). Sửa: /reconnect {channel}', en: '⏳ {code} is not on {channel} after {minutes} minutes: the channel is waiting to be reconnected ({reason}). Fix: /reconnect {channel}' },
  alert_quotaLow: { vi: '⚠️ Kênh {channel} đã dùng {reason} hạn mức của kỳ (YouTube: ngày theo giờ Thái Bình Dương; Zalo OA: lượt gửi tin trong tháng). Khi hết, tin chờ sang kỳ sau. Xem: /channels', en: '⚠️ Channel {channel} has used {reason} of its quota for this period (YouTube: the Pacific day; Zalo OA: broadcasts this month). Past the limit, posts wait for the next period. See: /channels' },
  alert_quotaExhausted: { vi: '⛔ Kênh {channel} hết hạn mức của kỳ; tin {code} và các tin sau sẽ tự đăng khi sang kỳ mới. Xem: /channels', en: '⛔ Channel {channel} has spent its quota for this period; {code} and later posts go out when the period turns. See: /channels' },
  channels_none: { vi: 'Chưa kết nối kênh nào. Xem docs/operator.md, mục “Kênh mạng xã hội”.', en: 'No channel is connected. See docs/operator.md, “Channels”.' },
  channel_line: { vi: '{key} ({platform}): {state}; đăng thành công gần nhất: {last}; đang chờ: {waiting}{quota}{error}', en: '{key} ({platform}): {state}; last success: {last}; waiting: {waiting}{quota}{error}' },
  channel_quota_day: { vi: '; hạn mức hôm nay còn {left}/{of}', en: '; quota left today {left}/{of}' },
  channel_quota_month: { vi: '; lượt gửi tin tháng này còn {left}/{of}', en: '; broadcasts left this month {left}/{of}' },
  channel_state_active: { vi: 'đang chạy', en: 'running' },
  channel_state_paused: { vi: 'tạm dừng', en: 'paused' },
  channel_state_needsReauth: { vi: 'CẦN KẾT NỐI LẠI', en: 'NEEDS RECONNECTING' },
  channel_state_removed: { vi: 'đã gỡ (token đã xóa)', en: 'removed (token erased)' },
  channel_removed: {
    vi: 'Kênh “{key}” đã được gỡ. Muốn dùng lại, nạp token mới: channel reconnect {key}',
    en: 'Channel “{key}” was removed. To use it again, give it a new token: channel reconnect {key}',
  },
  removals_pending: {
    vi: 'Kênh “{key}” còn {count} tin phải gỡ khỏi nền tảng ({codes}). Gỡ kênh lúc này thì các bài đó ở lại trên nền tảng. Chờ kênh gỡ xong (channel list), hoặc thêm --force rồi tự gỡ bằng tay.',
    en: 'Channel “{key}” still has {count} take-downs to carry out ({codes}). Removed now, those posts would stay on the platform. Wait until they are done (channel list), or add --force and remove them by hand.',
  },
  channel_removed_done: {
    vi: 'Đã gỡ kênh {key}: token đã xóa, {cancelled} lượt đăng đang chờ đã hủy. Khoảng {posts} bài đã đăng vẫn còn trên nền tảng; gỡ trên nền tảng nếu cần.',
    en: 'Channel {key} removed: token erased, {cancelled} waiting deliveries cancelled. About {posts} published posts remain on the platform; remove them there if needed.',
  },
  channel_removed_dropped: {
    vi: 'Cần tự gỡ trên nền tảng bài của các tin: {codes}',
    en: 'Remove by hand on the platform the posts of: {codes}',
  },
  never: { vi: 'chưa có', en: 'never' },
  retry_done: { vi: 'Đã đưa {count} lượt đăng của tin {code} vào hàng chờ.', en: '{count} deliveries of {code} are due again.' },
  retry_taken_down: { vi: 'Tin {code} đã bị gỡ xuống: không đăng lại lên kênh nào. Tin đã gỡ không xuất bản lại được; muốn đăng, hãy gửi tin mới để duyệt.', en: '{code} was taken down: it is not posted to any channel again. A taken-down item cannot be published again; send it as a new item for review.' },
  retry_nothing: { vi: 'Tin {code} không có lượt đăng nào chờ hoặc bị từ chối.', en: '{code} has no waiting or refused delivery.' },
  channel_paused: { vi: 'Đã tạm dừng kênh {key}; tin mới vẫn được xếp hàng.', en: 'Channel {key} paused; new posts still queue.' },
  channel_resumed: { vi: 'Kênh {key} chạy lại.', en: 'Channel {key} runs again.' },
  reconnect_howto: {
    vi: 'Không dán token vào nhóm chat. Trên máy chủ, chạy:\nprintf %s "$TOKEN" | node bin/portal-hub.mjs channel reconnect {key}\nCách lấy token: docs/operator.md, mục “Kênh mạng xã hội”.',
    en: 'Never paste a token into a chat. On the server run:\nprintf %s "$TOKEN" | node bin/portal-hub.mjs channel reconnect {key}\nHow to get the token: docs/operator.md, “Channels”.',
  },
} as const;
