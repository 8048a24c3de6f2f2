import type { GroupMessage, Reaction, SendMessageQuote, Undo, UserMessage } from 'zca-js';

/** Our view of what Zalo pushes: only the fields the desk uses, checked once here. */
export type IncomingKind = 'text' | 'photo' | 'video' | 'file' | 'voice' | 'other';

export interface IncomingMessage {
  threadId: string;
  isGroup: boolean;
  msgId: string;
  cliMsgId: string;
  from: string;
  name: string;
  at: Date;
  kind: IncomingKind;
  /** The text, or a picture's or file's caption. */
  text: string;
  /** Where the picture, video or file can be downloaded. */
  href: string | null;
  fileName: string | null;
  declaredSize: number | undefined;
  /** The message this one quotes (a reply), if any. */
  quotedMsgId: string | null;
  /** What zca-js needs to quote this message later. */
  quote: SendMessageQuote;
}

export interface IncomingReaction {
  threadId: string;
  isGroup: boolean;
  /** The reaction's own id: a re-delivered reaction is taken once. */
  id: string;
  from: string;
  name: string;
  icon: string;
  /** The message reacted to. */
  targetMsgId: string;
}

export interface IncomingRecall {
  threadId: string;
  isGroup: boolean;
  id: string;
  from: string;
  name: string;
  /** The message taken back. */
  recalledMsgId: string;
}

const KINDS: Readonly<Record<string, IncomingKind>> = {
  webchat: 'text',
  'chat.photo': 'photo',
  'chat.video.msg': 'video',
  'share.file': 'file',
  'chat.voice': 'voice',
  // A shared link: its title and address are the text (textOf).
  'chat.recommended': 'text',
  'chat.link': 'text',
};

const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

function paramsOf(content: Record<string, unknown>): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(asText(content['params']) || '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The text a message carries: its body, a picture's caption, or a shared link's title and address. */
function textOf(msgType: string, kind: IncomingKind, content: string | Record<string, unknown>): string {
  if (typeof content === 'string') return content;
  const title = asText(content['title']);
  if (msgType === 'chat.recommended' || msgType === 'chat.link') return [title, asText(content['href'])].filter(Boolean).join('\n');
  if (kind === 'file') return '';
  return [title, asText(content['description'])].filter(Boolean).join('\n');
}

/**
 * A Zalo event as zca-js handed it over, kept raw in the inbox (the object's own fields, without
 * zca-js's class), so it can be read again after a restart.
 */
export type ZaloEvent =
  | { kind: 'message'; threadId: string; type: GroupMessage['type']; data: GroupMessage['data'] }
  | { kind: 'message'; threadId: string; type: UserMessage['type']; data: UserMessage['data'] }
  | { kind: 'reaction'; threadId: string; isGroup: boolean; data: Reaction['data'] }
  | { kind: 'undo'; threadId: string; isGroup: boolean; data: Undo['data'] };

export const messageEvent = (m: GroupMessage | UserMessage): ZaloEvent =>
  m.type === 1 ? { kind: 'message', threadId: m.threadId, type: m.type, data: m.data } : { kind: 'message', threadId: m.threadId, type: m.type, data: m.data };

/** The inbox key of an event: Zalo's message id, per kind (a reaction and a recall have their own). */
export function eventKey(e: ZaloEvent): string {
  return `zalo:${e.kind === 'message' ? 'm' : e.kind === 'reaction' ? 'r' : 'u'}:${String(e.data.msgId)}`;
}

export const messageKey = (msgId: string) => `zalo:m:${msgId}`;

export function toIncomingMessage(message: Extract<ZaloEvent, { kind: 'message' }> | GroupMessage | UserMessage): IncomingMessage {
  const data = message.data;
  const kind = KINDS[data.msgType] ?? 'other';
  const content = typeof data.content === 'string' ? null : (data.content as Record<string, unknown>);
  const params = content ? paramsOf(content) : {};
  const size = Number(params['fileSize'] ?? params['size']);
  const carriesFile = kind === 'photo' || kind === 'video' || kind === 'file';
  return {
    threadId: message.threadId,
    isGroup: message.type === 1,
    msgId: String(data.msgId),
    cliMsgId: String(data.cliMsgId),
    from: String(data.uidFrom),
    name: data.dName || String(data.uidFrom),
    at: new Date(Number(data.ts) || Date.now()),
    kind,
    text: textOf(data.msgType, kind, content ?? asText(data.content)),
    href: carriesFile ? asText(content?.['href']) || null : null,
    fileName: kind === 'file' ? asText(content?.['title']) || null : null,
    declaredSize: Number.isFinite(size) && size > 0 ? size : undefined,
    quotedMsgId: data.quote ? String(data.quote.globalMsgId) : null,
    quote: { content: data.content, msgType: data.msgType, propertyExt: data.propertyExt, uidFrom: data.uidFrom, msgId: data.msgId, cliMsgId: data.cliMsgId, ts: data.ts, ttl: data.ttl },
  };
}

export function toIncomingReaction(reaction: Pick<Reaction, 'threadId' | 'isGroup' | 'data'>): IncomingReaction | null {
  const target = reaction.data.content?.rMsg?.[0]?.gMsgID;
  if (target === undefined) return null;
  return {
    threadId: reaction.threadId,
    isGroup: reaction.isGroup,
    id: String(reaction.data.msgId),
    from: String(reaction.data.uidFrom),
    name: reaction.data.dName || String(reaction.data.uidFrom),
    icon: reaction.data.content.rIcon,
    targetMsgId: String(target),
  };
}

export function toIncomingRecall(undo: Pick<Undo, 'threadId' | 'isGroup' | 'data'>): IncomingRecall {
  return {
    threadId: undo.threadId,
    isGroup: undo.isGroup,
    id: String(undo.data.msgId),
    from: String(undo.data.uidFrom),
    name: undo.data.dName || String(undo.data.uidFrom),
    recalledMsgId: String(undo.data.content.globalMsgId),
  };
}

/** A stored quote reference, back to what zca-js takes; null when it is not one of ours. */
export function quoteFrom(replyRef: string | null | undefined): SendMessageQuote | null {
  if (!replyRef) return null;
  try {
    const parsed = JSON.parse(replyRef) as Partial<SendMessageQuote>;
    return typeof parsed.msgId === 'string' && typeof parsed.msgType === 'string' ? (parsed as SendMessageQuote) : null;
  } catch {
    return null;
  }
}

/** Keeps a quote small enough to store with the submission: a long text is cut, it is only shown as the quoted line. */
export function quoteRef(quote: SendMessageQuote): string {
  const content = typeof quote.content === 'string' ? quote.content.slice(0, 300) : quote.content;
  return JSON.stringify({ ...quote, content });
}
