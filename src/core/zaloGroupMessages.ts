/** What people read in Zalo groups and what admins read about the Zalo account (part of the one catalogue). */
export const ZALO_GROUP_MESSAGES = {
  zalo_help: {
    vi: 'Gửi tin bài vào nhóm này: chữ, ảnh (gửi nhiều ảnh cùng lúc thành một tin), video, tệp. Bot báo mã theo dõi và kết quả duyệt.\nThu hồi tin trên Zalo trước khi được xử lý thì tin được rút.\nLệnh: /link MÃ (liên kết tài khoản), /duyet MÃ-TIN, /tralai MÃ-TIN lý do (người duyệt), /heso MÃ-TIN THỂ_LOẠI HỆ_SỐ (nhuận bút).',
    en: 'Send news items to this group: text, photos (several sent together make one item), video, files. The bot answers with a tracking code and the review outcome.\nRecalling a message on Zalo before anyone acts on it withdraws it.\nCommands: /link CODE (link your account), /duyet CODE, /tralai CODE reason (reviewers), /heso CODE GENRE COEFFICIENT (royalty).',
  },
  zalo_voice_refused: {
    vi: '{name}: bot chưa nhận được tin nhắn thoại. Xin gửi nội dung bằng chữ (có thể kèm ảnh, video, tệp).',
    en: '{name}: the bot cannot take voice messages. Please send the content as text (photos, video and files may come with it).',
  },
  zalo_thread_id: { vi: 'Mã nhóm Zalo này: {id}\nĐặt vào ZALO_GROUP_INTAKE hoặc ZALO_REVIEW_GROUP để bot làm việc ở đây.', en: 'This Zalo group’s id: {id}\nPut it in ZALO_GROUP_INTAKE or ZALO_REVIEW_GROUP for the bot to work here.' },
  zalo_not_linked: { vi: '{name}: tài khoản Zalo này chưa được liên kết nên thao tác không có tác dụng. Xin mã từ quản trị viên rồi gửi /link MÃ.', en: '{name}: this Zalo account is not linked, so nothing was done. Ask an admin for a code and send /link CODE.' },
  zalo_link_done: { vi: '🔗 Đã liên kết tài khoản Zalo với {name}.', en: '🔗 This Zalo account is now linked to {name}.' },
  zalo_withdrawn: { vi: '↩️ {name} đã thu hồi tin nên tin {code} đã được rút, không chuyển duyệt.', en: '↩️ {name} recalled the message, so {code} is withdrawn and will not be reviewed.' },
  zalo_withdraw_too_late: {
    vi: '{name}: tin {code} đã được Ban Biên tập xử lý ({state}) nên thu hồi trên Zalo không rút được tin. Cần rút, xin liên hệ biên tập viên.',
    en: '{name}: {code} has already been handled ({state}), so recalling it on Zalo does not withdraw it. To withdraw it, contact an editor.',
  },
  zalo_part_recalled: {
    vi: '↩️ {name} đã thu hồi {what} nên phần đó đã được gỡ khỏi tin {code}; phần còn lại vẫn được xử lý.',
    en: '↩️ {name} recalled {what}, so it was taken out of {code}; the rest is handled as before.',
  },
  zalo_part_recalled_draft: {
    vi: '↩️ {name} đã thu hồi {what} nên phần đó đã được gỡ khỏi tin {code} và khỏi bản đang duyệt; tin được duyệt lại từ đầu.',
    en: '↩️ {name} recalled {what}, so it was taken out of {code} and of the draft in review; the draft is reviewed again from the start.',
  },
  zalo_recalled_files: { vi: '{count} ảnh/video/tệp', en: '{count} photo(s)/video(s)/file(s)' },
  zalo_recalled_text: { vi: 'một đoạn chữ', en: 'a text' },
  zalo_part_recall_too_late: {
    vi: '{name}: tin {code} đã được Ban Biên tập xử lý ({state}) nên phần thu hồi trên Zalo không gỡ được khỏi tin. Cần gỡ, xin liên hệ biên tập viên.',
    en: '{name}: {code} has already been handled ({state}), so the part recalled on Zalo could not be taken out of it. To have it removed, contact an editor.',
  },
  zalo_review_card: {
    vi: '📝 {code} — chờ duyệt, bước: {step}\n{title}\n{excerpt}{media}{royalty}\nThả 👍 để duyệt, 👎 để trả lại; hoặc gửi /duyet {code} hay /tralai {code} lý do.',
    en: '📝 {code} — waiting for review, step: {step}\n{title}\n{excerpt}{media}{royalty}\nReact 👍 to approve, 👎 to return; or send /duyet {code} or /tralai {code} reason.',
  },
  zalo_review_media: { vi: '\nKèm {count} ảnh/video/tệp (xem ở thẻ Telegram hoặc tin gốc).', en: '\nWith {count} photos/videos/files (see the Telegram card or the original message).' },
  zalo_approved: { vi: '✅ {name} đã duyệt {code} ({step}).', en: '✅ {name} approved {code} ({step}).' },
  zalo_returned: { vi: '↩️ {name} đã trả lại {code}: {note}', en: '↩️ {name} returned {code}: {note}' },
  zalo_return_prompt: { vi: '↩️ {name}: trả lời (trích dẫn) tin này kèm lý do trả lại {code}; hoặc gửi /tralai {code} lý do.', en: '↩️ {name}: reply to (quote) this message with the reason for returning {code}; or send /tralai {code} reason.' },
  zalo_prompt_other: { vi: 'Chỉ {name} (người đã thả 👎) trả lời được câu hỏi này.', en: 'Only {name} (who reacted 👎) can answer this.' },
  zalo_refused: { vi: '{name}: {reason}', en: '{name}: {reason}' },
  alert_zalo_taken_over: {
    vi: '⚠️ Zalo: tài khoản bot ({account}) vừa bị một phiên Zalo Web khác chiếm (mã {code}); bot ngừng nhận tin từ nhóm. Cách sửa: đóng Zalo Web/Zalo PC đang mở bằng tài khoản này. Bot tự thử kết nối lại sau {minutes} phút.',
    en: '⚠️ Zalo: another Zalo Web session took the bot account ({account}) (code {code}); the bot no longer hears the groups. Fix: close Zalo Web/Zalo PC signed in with this account. The bot tries again in {minutes} min.',
  },
  alert_zalo_login_failed: {
    vi: '⛔ Zalo: đăng nhập tài khoản bot thất bại ({reason}). Tin gửi vào nhóm Zalo chưa được nhận. Cách sửa: trên máy chủ chạy node bin/portal-hub.mjs zalo login và quét mã QR bằng điện thoại của tài khoản bot.',
    en: '⛔ Zalo: the bot account could not sign in ({reason}). Messages sent to the Zalo groups are not being taken in. Fix: on the server run node bin/portal-hub.mjs zalo login and scan the QR code with the bot account’s phone.',
  },
  zalo_catchup_gap: {
    vi: '⚠️ Bot vừa kết nối lại với Zalo nhưng không lấy lại được hết tin gửi trong lúc gián đoạn. Ai đã gửi tin mà chưa nhận được xác nhận 📥 xin vui lòng gửi lại.',
    en: '⚠️ The bot reconnected to Zalo but could not fetch every message sent while it was away. If you sent an item and got no 📥 receipt, please send it again.',
  },
  zalo_reactions_gap: {
    vi: '⚠️ Bot vừa kết nối lại với Zalo nhưng không lấy lại được hết các biểu tượng thả trong lúc gián đoạn. Ai đã thả 👍/👎 lên thẻ duyệt mà chưa thấy bot xác nhận, xin thả lại hoặc gửi /duyet MÃ.',
    en: '⚠️ The bot reconnected to Zalo but could not fetch every reaction given while it was away. If you reacted 👍/👎 on a review card and the bot did not confirm it, please react again or send /duyet CODE.',
  },
  zalo_catchup_failed: {
    vi: '⚠️ Bot vừa kết nối lại với Zalo nhưng Zalo không trả lại các tin gửi trong lúc gián đoạn. Ai đã gửi tin mà chưa nhận được xác nhận 📥 xin vui lòng gửi lại.',
    en: '⚠️ The bot reconnected to Zalo but Zalo did not return the messages sent while it was away. If you sent an item and got no 📥 receipt, please send it again.',
  },
  alert_zalo_disconnected: {
    vi: '⚠️ Zalo: bot mất kết nối với Zalo đã hơn {minutes} phút ({reason}); tin gửi vào nhóm lúc này chưa được nhận. Bot vẫn tự thử kết nối lại và lấy lại tin gửi trong lúc gián đoạn.',
    en: '⚠️ Zalo: the bot has been disconnected from Zalo for over {minutes} min ({reason}); messages sent to the groups are not being taken in yet. It keeps reconnecting by itself and fetches what was sent meanwhile.',
  },
  alert_zalo_held_off: {
    vi: '⛔ Zalo: tài khoản bot lại bị một phiên Zalo Web khác chiếm (mã {code}) — có người đang mở Zalo Web/Zalo PC bằng tài khoản này. Bot ngừng kết nối để không giành phiên với họ; tin gửi vào nhóm chưa được nhận. Cách sửa: đóng phiên kia, rồi trên máy chủ chạy node bin/portal-hub.mjs zalo resume.',
    en: '⛔ Zalo: another Zalo Web session took the bot account again (code {code}) — someone keeps Zalo Web/Zalo PC open with it. The bot stops connecting so as not to fight over the session; messages to the groups are not being taken in. Fix: close that session, then on the server run node bin/portal-hub.mjs zalo resume.',
  },
  zalo_resume_asked: { vi: 'Zalo: đã yêu cầu bot kết nối lại; dịch vụ đang chạy sẽ thử trong vòng nửa phút.', en: 'Zalo: the bot was asked to connect again; the running service tries within half a minute.' },
  zalo_resume_not_held: { vi: 'Zalo: bot không ở trạng thái tạm ngừng (trạng thái {state}); không cần zalo resume.', en: 'Zalo: the bot is not held off (state {state}); zalo resume is not needed.' },
  alert_zalo_back: { vi: '✅ Zalo: bot đã kết nối lại và nhận tin từ nhóm.', en: '✅ Zalo: the bot is connected again and hears the groups.' },
  zalo_login_scan: { vi: 'Quét mã QR này bằng ứng dụng Zalo của tài khoản bot (Zalo → Quét mã QR). Ảnh mã cũng được lưu ở: {path}', en: 'Scan this QR code with the bot account’s Zalo app (Zalo → QR scanner). The picture is also saved at: {path}' },
  zalo_login_scanned: { vi: 'Đã quét bởi {name}. Hãy xác nhận đăng nhập trên điện thoại.', en: 'Scanned by {name}. Confirm the sign-in on the phone.' },
  zalo_login_expired: { vi: 'Mã QR đã hết hạn; đang tạo mã mới…', en: 'The QR code expired; making a new one…' },
  zalo_login_unreachable: {
    vi: 'Không kết nối được tới Zalo ({detail}): máy chủ này không ra được Internet, tên miền không phân giải được, hoặc tường lửa chặn chat.zalo.me và wpa.chat.zalo.me. Kiểm tra kết nối (hoặc proxy) rồi chạy lại lệnh.',
    en: 'Zalo could not be reached ({detail}): this server has no Internet access, the name does not resolve, or a firewall blocks chat.zalo.me and wpa.chat.zalo.me. Check the connection (or proxy) and run the command again.',
  },
  zalo_login_gave_up: { vi: 'Mã QR đã hết hạn nhiều lần mà chưa được quét. Chạy lại lệnh khi điện thoại của tài khoản bot ở bên cạnh.', en: 'The QR code expired several times without a scan. Run the command again with the bot account’s phone at hand.' },
  zalo_login_failed_cli: { vi: 'Đăng nhập Zalo không thành công: {detail}', en: 'Zalo sign-in did not complete: {detail}' },
  zalo_login_declined: { vi: 'Đăng nhập bị từ chối trên điện thoại.', en: 'The sign-in was declined on the phone.' },
  zalo_login_done: { vi: '✅ Đã đăng nhập Zalo: {name} ({uid}). Phiên được lưu mã hóa; khởi động lại dịch vụ (hoặc chờ tối đa một phút) để bot nghe nhóm.', en: '✅ Signed in to Zalo: {name} ({uid}). The session is stored encrypted; restart the service (or wait up to a minute) for the bot to hear the groups.' },
  zalo_status_line: { vi: 'Zalo: tài khoản {account}, trạng thái {state}, cập nhật {at}{error}', en: 'Zalo: account {account}, state {state}, updated {at}{error}' },
  zalo_status_none: { vi: 'Zalo: chưa đăng nhập. Chạy node bin/portal-hub.mjs zalo login.', en: 'Zalo: not signed in. Run node bin/portal-hub.mjs zalo login.' },
} as const;
