/** What people read from the official Zalo bot, and what admins read about it (part of the one catalogue). */
export const ZALO_BOT_MESSAGES = {
  zalo_bot_help: {
    vi: 'Gửi tin bài: trong nhóm cộng tác viên, nhắc @bot kèm nội dung (chữ; ảnh kèm chú thích); hoặc nhắn riêng cho bot sau khi đã liên kết tài khoản. Bot báo mã theo dõi và kết quả duyệt.\nLệnh: /link MÃ (liên kết tài khoản), /duyet MÃ-TIN THẺ, /tralai MÃ-TIN THẺ lý do (người duyệt, THẺ in trên thẻ duyệt), /heso MÃ-TIN THỂ_LOẠI HỆ_SỐ (nhuận bút), /id.',
    en: 'Send news items: in the collaborators’ group, @mention the bot with the content (text; photos with a caption); or message the bot directly once your account is linked. The bot answers with a tracking code and the review outcome.\nCommands: /link CODE (link your account), /duyet CODE TAG, /tralai CODE TAG reason (reviewers; TAG is printed on the review card), /heso CODE GENRE COEFFICIENT (royalty), /id.',
  },
  zalo_bot_stranger: {
    vi: 'Chào {name}. Bot của Cổng thông tin chỉ làm việc với cộng tác viên và cán bộ đã liên kết tài khoản. Để liên kết: xin quản trị viên Cổng một mã liên kết rồi gửi cho bot: /link MÃ. Bot sẽ không trả lời thêm cho tới khi tài khoản được liên kết.',
    en: 'Hello {name}. The portal’s bot works only with collaborators and officials whose accounts are linked. To link yours: ask a portal admin for a link code, then send it to the bot: /link CODE. The bot will not answer again until the account is linked.',
  },
  zalo_bot_card: {
    vi: '📝 {code} — chờ duyệt, bước: {step}\n{title}\n{excerpt}{media}{royalty}\nDuyệt: /duyet {code} {tag}\nTrả lại: /tralai {code} {tag} lý do\n(Trong nhóm, nhắc @bot trước lệnh.)',
    en: '📝 {code} — waiting for review, step: {step}\n{title}\n{excerpt}{media}{royalty}\nApprove: /duyet {code} {tag}\nReturn: /tralai {code} {tag} reason\n(In a group, @mention the bot before the command.)',
  },
  zalo_bot_media: { vi: '\nKèm {count} ảnh/tệp (xem ở thẻ Telegram hoặc tin gốc).', en: '\nWith {count} photos/files (see the Telegram card or the original message).' },
  zalo_bot_stale: {
    vi: '{name}: thẻ {tag} của {code} đã cũ (tin đã được sửa hoặc đã sang bước khác), nên lệnh không có tác dụng. Xem thẻ mới nhất của {code} rồi gửi lại lệnh với thẻ mới.',
    en: '{name}: tag {tag} of {code} is stale (the item was edited or moved to another step), so nothing was done. Look at the latest card of {code} and send the command again with its tag.',
  },
  zalo_bot_unsupported: {
    vi: '{name}: bot chính thức của Zalo chỉ nhận chữ và ảnh (kèm chú thích). Video hay tệp xin gửi qua nhóm Telegram của Cổng hoặc thư điện tử của Ban Biên tập.',
    en: '{name}: the official Zalo bot takes only text and photos (with a caption). Please send video or files through the portal’s Telegram group or the editorial board’s e-mail.',
  },
  zalo_bot_chat_id: {
    vi: 'Mã cuộc trò chuyện này với bot Zalo: {id}\nĐặt vào ZALO_BOT_INTAKE_CHATS hoặc ZALO_BOT_REVIEW_CHAT để bot làm việc ở đây.',
    en: 'This chat’s id for the Zalo bot: {id}\nPut it in ZALO_BOT_INTAKE_CHATS or ZALO_BOT_REVIEW_CHAT for the bot to work here.',
  },
  alert_zalo_bot_token: {
    vi: '⛔ Zalo Bot: Zalo từ chối token của bot ({reason}). Tin gửi cho bot chưa được nhận. Cách sửa: trong Zalo Bot Manager lấy token mới, đặt vào ZALO_BOT_TOKEN rồi khởi động lại dịch vụ.',
    en: '⛔ Zalo Bot: Zalo refused the bot’s token ({reason}). Messages to the bot are not being taken in. Fix: get a new token in Zalo Bot Manager, put it in ZALO_BOT_TOKEN and restart the service.',
  },
  alert_zalo_bot_no_groups: {
    vi: '⚠️ Zalo Bot: loại tài khoản của bot ({type}) không được vào nhóm (can_join_groups = false), nên nhóm trong ZALO_BOT_INTAKE_CHATS / ZALO_BOT_REVIEW_CHAT không gửi tin tới bot. Cộng tác viên vẫn nhắn riêng cho bot được sau khi liên kết; muốn dùng nhóm, nâng loại tài khoản bot trong Zalo Bot Manager.',
    en: '⚠️ Zalo Bot: the bot’s account type ({type}) may not join groups (can_join_groups = false), so the chats in ZALO_BOT_INTAKE_CHATS / ZALO_BOT_REVIEW_CHAT send it nothing. Collaborators can still message the bot directly once linked; to use groups, upgrade the bot’s account type in Zalo Bot Manager.',
  },
  alert_zalo_bot_poll_refused: {
    vi: '⚠️ Zalo Bot: Zalo từ chối cho bot lấy tin ({reason}) — thường do một webhook khác đang đặt cho bot này (một bản cài khác, hoặc đặt tay). Bot đang gỡ webhook đó để nhận tin lại; nếu cảnh báo lặp lại, kiểm tra không có hệ thống nào khác dùng cùng ZALO_BOT_TOKEN.',
    en: '⚠️ Zalo Bot: Zalo refuses to give the bot its updates ({reason}) — usually another webhook is set for this bot (another deployment, or by hand). The bot is removing it to hear messages again; if this alert repeats, check that nothing else uses the same ZALO_BOT_TOKEN.',
  },
  zalo_bot_status_line: {
    vi: 'Bot Zalo chính thức (ZALO_BOT_TOKEN): đã cấu hình; tình trạng kết nối xem ở /healthz (mục zalo-bot).',
    en: 'Official Zalo bot (ZALO_BOT_TOKEN): configured; its connection state is in /healthz (zalo-bot).',
  },
  alert_zalo_bot_back: { vi: '✅ Zalo Bot: Zalo đã nhận lại token; bot nhận tin trở lại.', en: '✅ Zalo Bot: Zalo accepts the token again; the bot is taking messages in.' },
} as const;
