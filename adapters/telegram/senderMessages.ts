import type { Message } from 'grammy/types';
import { BoundedSet, MEMORY_CAP } from '../../src/core/boundedMap.js';
import { intakeVerdict } from '../../src/core/chatIntake.js';
import { bilingual, message } from '../../src/core/messages.js';
import { changeBySender, type SenderMessage } from '../../src/app/senderChanges.js';
import type { SubmissionRecord } from '../../src/app/ports.js';
import { PLATFORM, type CardDesk } from './cards.js';
import type { CommandEnv } from './commands.js';
import type { AlbumCollector } from './albums.js';
import { filesOf } from './intake.js';
import { rememberNotice } from './notices.js';
import type { MediaStore } from './media.js';
import { kindOf, senderOf, textOf, threadOf, upgradeOf } from './messageKinds.js';
import { submissionCard } from './render.js';
import { onceRecorded } from './recorded.js';

export interface SenderMessagesOptions {
  env: CommandEnv;
  desk: CardDesk;
  albums: AlbumCollector;
  media: MediaStore;
  fileRoot: string;
  /** The intake chats the configuration names (TELEGRAM_INTAKE_CHATS). */
  intakeChats: ReadonlySet<string>;
  adminChat: string | null;
  /** A getter: the bot knows its own id only after it started. */
  botId: () => number;
}

/**
 * What collaborators do in the intake groups besides sending a new item: answer the desk, reply to
 * a receipt, edit a message, chat, or see their group upgraded. Only content becomes a submission
 * (src/core/chatIntake.ts says which, and why).
 */
export class SenderMessages {
  /** Chats already logged as not ours, so the log says it once per chat and process. */
  private readonly ignoredChats = new BoundedSet<string>(MEMORY_CAP);

  constructor(private readonly o: SenderMessagesOptions) {}

  /** The configured intake chat a chat is, itself or as the group it was upgraded from; null when it is none. */
  async intakeChatOf(chatId: string): Promise<string | null> {
    if (this.o.intakeChats.has(chatId)) return chatId;
    const alias = await this.o.env.deps.store.chatAliasOf(PLATFORM, chatId);
    return alias !== null && this.o.intakeChats.has(alias) ? alias : null;
  }

  /** A message in a chat that is not a command and not a reply to a review card. True when it was ours to take. */
  async onMessage(msg: Message): Promise<boolean> {
    const upgrade = upgradeOf(msg);
    if (upgrade) return void (await this.followUpgrade(upgrade)), true;
    const chatId = String(msg.chat.id);
    if ((await this.intakeChatOf(chatId)) === null) {
      if (msg.chat.type !== 'private' && !this.ignoredChats.has(chatId) && chatId !== this.o.env.editorialChat && chatId !== this.o.adminChat) {
        this.ignoredChats.add(chatId);
        this.o.env.log.info({ chat: chatId }, 'messages from a group that is not an intake group are not taken');
      }
      return false;
    }
    const repliedTo = msg.reply_to_message;
    const me = senderOf(msg).platformId;
    if (repliedTo?.from?.id === this.o.botId()) {
      const mine = await this.noticeOwner(chatId, repliedTo, me);
      if (mine) return void (await this.answer(msg, mine)), true;
    } else if (repliedTo) {
      // Replying to one's own message still waiting for intake (or for more information) adds to it;
      // once decided, a reply to it is a new message like any other.
      const own = await this.o.env.deps.store.submissionByMessage(PLATFORM, chatId, String(repliedTo.message_id));
      if (own && own.senderPlatformId === me && (own.state === 'received' || own.state === 'needsInfo')) return void (await this.answer(msg, own)), true;
    }
    const verdict = intakeVerdict(kindOf(msg), textOf(msg));
    if (verdict.take) {
      await this.o.albums.add(msg);
      return true;
    }
    if (verdict.why === 'ask_for_file') void this.o.env.queue.notice(chatId, message('vi', 'ask_for_file'), threadOf(msg));
    this.o.env.log.debug({ chat: chatId, message: msg.message_id, kind: kindOf(msg), why: verdict.why }, 'chat message not taken as a submission');
    return true;
  }

  /** The sender's submission a notice of the bot's is about; a notice sent moments ago may not be on record yet. */
  private noticeOwner(chatId: string, notice: { message_id: number; date: number }, sender: string): Promise<SubmissionRecord | null | undefined> {
    return onceRecorded(notice.date, async () => (await this.o.env.deps.store.submissionsByNotice(PLATFORM, chatId, String(notice.message_id))).find((s) => s.senderPlatformId === sender));
  }

  /** An edited message: before triage a new revision; later, the editors or the sender hear what can be done. */
  async onEdit(msg: Message): Promise<void> {
    const chatId = String(msg.chat.id);
    if ((await this.intakeChatOf(chatId)) === null) return;
    const submission = await this.o.env.deps.store.submissionByMessage(PLATFORM, chatId, String(msg.message_id));
    // An edit of a message that was never taken (chat, a sticker…) stays chat.
    if (!submission) return;
    await this.change(msg, submission, { byPlatformId: senderOf(msg).platformId, messageId: String(msg.message_id), text: textOf(msg), attachments: [], kind: 'edit' });
  }

  /** A reply to a receipt or an outcome: the sender answers the desk about their submission. */
  private async answer(msg: Message, submission: SubmissionRecord): Promise<void> {
    const verdict = intakeVerdict(kindOf(msg), textOf(msg), submission.state === 'needsInfo');
    if (!verdict.take) {
      if (verdict.why === 'ask_for_file') void this.o.env.queue.notice(String(msg.chat.id), message('vi', 'ask_for_file'), threadOf(msg));
      return;
    }
    const { attachments, problems } = await filesOf(this.o.env, this.o.media, this.o.fileRoot, [msg], this.o.env.deps.clock());
    for (const problem of problems) void this.o.env.queue.notice(String(msg.chat.id), problem(submission.code ?? '?'), threadOf(msg));
    await this.change(msg, submission, { byPlatformId: senderOf(msg).platformId, messageId: String(msg.message_id), text: textOf(msg), attachments, kind: 'answer' });
  }

  private async change(msg: Message, submission: SubmissionRecord, change: SenderMessage): Promise<void> {
    const { env, desk } = this.o;
    const chatId = String(msg.chat.id);
    const thread = threadOf(msg);
    const code = submission.code ?? '?';
    const tell = (text: string) => rememberNotice(env, submission.id, env.queue.notice(chatId, text, thread));
    let done = await changeBySender(env.deps, submission, change);
    // An editor decided between the read and the write: decide again on what is there now.
    if (!done.ok && done.reason === 'already_decided') {
      const again = await env.deps.store.submissionById(submission.id);
      if (again) done = await changeBySender(env.deps, again, change);
    }
    if (!done.ok) return void env.log.info({ chat: chatId, code, why: done.reason }, 'sender change not taken');
    const result = done.value;
    const name = senderOf(msg).name;
    const excerpt = change.text.trim().slice(0, 1500);
    switch (result.kind) {
      case 'revised': {
        const before = submission;
        const number = String(result.submission.revision);
        await desk.closeCards(before.id, (lang) => message(lang, 'card_revised', { number }), (lang) => submissionCard(lang, before, env.deps.timeZone));
        desk.later(() => desk.showSubmission(result.submission));
        return tell(message('vi', 'revise_done', { code, number }));
      }
      case 'toEditors':
        void desk.announce(submission.siteId, message('vi', 'editors_sender_change', { code, name, text: excerpt }));
        return tell(message('vi', 'sender_change_to_editors', { code }));
      case 'correctionRequest':
        void desk.announce(submission.siteId, message('vi', 'editors_correction_request', { code, name, text: excerpt }));
        return tell(message('vi', 'correction_request_sent', { code }));
      case 'askCorrection':
        // Vietnamese first, English second: the sender may read either, and the desk does not know which.
        return tell(bilingual('sender_ask_correction', { code }));
      case 'closed':
        return tell(message('vi', 'sender_change_closed', { code, state: message('vi', `state_${result.state}`) }));
    }
  }

  /**
   * A group upgraded to a supergroup continues under a new id: the new id is recorded as the same
   * chat, so an intake group keeps its site, and the admins are told to update the configuration.
   * Telegram announces the upgrade in both chats; the second announcement finds it recorded.
   */
  private async followUpgrade(upgrade: { from: string; to: string }): Promise<void> {
    const { env } = this.o;
    const known = (await this.intakeChatOf(upgrade.from)) ?? upgrade.from;
    const added = await env.deps.store.addChatAlias(PLATFORM, upgrade.to, known, {
      at: env.deps.clock(), actorId: null, action: 'chat.upgrade', subjectType: 'chat', subjectId: upgrade.to, data: { platform: PLATFORM, from: upgrade.from, aliasOf: known },
    });
    if (!added) return;
    const intake = this.o.intakeChats.has(known);
    const site = intake ? await env.siteKeyFor(known) : '';
    const text = intake ? bilingual('chat_upgraded', { old: upgrade.from, new: upgrade.to, site }) : bilingual('chat_upgraded_other', { old: upgrade.from, new: upgrade.to });
    env.log.warn({ from: upgrade.from, to: upgrade.to, intake, site }, 'a Telegram group was upgraded to a supergroup; following it under its new id');
    if (this.o.adminChat) void env.queue.notice(this.o.adminChat, text);
  }
}
