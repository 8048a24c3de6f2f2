import type { Message, Update } from 'grammy/types';
import { BoundedMap, MEMORY_CAP } from '../../src/core/boundedMap.js';
import { InboxBatches } from '../../src/app/inbox/batches.js';
import type { InboxDeps } from '../../src/app/inbox/inbox.js';
import type { InboxRow } from '../../src/app/inbox/ports.js';
import { continuesAlbum, senderOf, type AlbumTail } from './messageKinds.js';

/**
 * Intake messages become submissions from the inbox. Album parts arrive as separate updates with one
 * media_group_id: each waits in the inbox, parked under its album, and the album is taken once it has
 * been quiet for a while. A single message is a batch of one taken at once, off the update loop (its
 * files are downloaded first). The update stays in the inbox until the submission is saved.
 */
export class AlbumCollector {
  private readonly batches: InboxBatches;
  /** The inbox key of each update's message being handled now, so `add` knows which event to park. */
  private readonly keys = new WeakMap<Message, string>();
  /** Per chat and sender: the album last added to, so the second half of a split album of more than ten joins it. */
  private readonly tails = new BoundedMap<string, AlbumTail & { batch: string }>(MEMORY_CAP);

  constructor(
    deps: InboxDeps,
    private readonly handle: (parts: Message[]) => Promise<void>,
    quietMs = 1200,
    onError: (error: unknown, batchKey: string) => void,
  ) {
    this.batches = new InboxBatches(deps, (rows) => handle(partsOf(rows)), quietMs, onError);
  }

  /** Called by the inbox as an update's handling starts. */
  handling(msg: Message | undefined, key: string): void {
    if (msg) this.keys.set(msg, key);
  }

  /**
   * Takes a message in as a submission, alone or with the rest of its album. A message that is not
   * the update's own (the target of a /submit reply, a command's text) is taken alone, from the
   * update that asked for it.
   */
  async add(msg: Message): Promise<void> {
    const key = this.keys.get(msg);
    if (!key) return this.handle([msg]);
    await this.batches.park(key, msg.media_group_id ? this.albumBatch(msg, msg.media_group_id) : `telegram:one:${key}`, msg.media_group_id ? undefined : 0);
  }

  /** The batch an album part waits in: its own media group's, or the album it continues (see `continuesAlbum`). */
  private albumBatch(msg: Message, mediaGroupId: string): string {
    const chatId = String(msg.chat.id);
    const senderId = senderOf(msg).platformId;
    const who = `${chatId}:${senderId}`;
    const tail = this.tails.get(who);
    const part = { chatId, senderId, mediaGroupId, messageId: msg.message_id, date: msg.date };
    const joined = tail !== undefined && (tail.mediaGroupId === mediaGroupId || continuesAlbum(tail, part));
    const batch = joined ? tail.batch : `telegram:album:${chatId}:${mediaGroupId}`;
    this.tails.set(who, {
      batch,
      chatId,
      senderId,
      mediaGroupId,
      parts: joined ? tail.parts + 1 : 1,
      lastMessageId: Math.max(msg.message_id, joined ? tail.lastMessageId : 0),
      lastDate: msg.date,
    });
    return batch;
  }

  /** After a restart: the albums and messages the inbox holds are taken (an album when its quiet time is over). */
  resume(rows: readonly InboxRow[]): void {
    void this.batches.resume(rows);
  }

  flush(): Promise<void> {
    return this.batches.flush();
  }

  stop(): Promise<void> {
    return this.batches.stop();
  }
}

/** The messages parked in a batch, in the order they were sent. */
function partsOf(rows: readonly InboxRow[]): Message[] {
  const parts: Message[] = [];
  for (const row of rows) {
    const update = JSON.parse(row.payload) as Update;
    // An edited message taken in as a submission is parked like a new one.
    const msg = update.message ?? update.edited_message;
    if (msg) parts.push(msg);
  }
  return parts.sort((x, y) => x.message_id - y.message_id);
}
