import { explain, message } from '../../src/core/messages.js';
import type { InboxBatches } from '../../src/app/inbox/batches.js';
import { recallMessage } from '../../src/app/recalls.js';
import { PLATFORM, type ZaloDeskEnv } from './env.js';
import { messageKey, type IncomingRecall } from './mapping.js';

/**
 * A sender recalled a message in an intake group. Still waiting in its batch: it never becomes part
 * of a submission. In a batch being taken (its files downloading): taken out before the submission is
 * saved, or, if the recall came too late for that, out of the saved submission right after. Already a
 * submission: that part only, or the whole submission when it was the only part
 * (src/core/partRecall.ts says what can still change); the group hears what happened.
 */
export async function onRecall(env: ZaloDeskEnv, batches: InboxBatches, batchBase: string, u: IncomingRecall): Promise<void> {
  const dropped = await batches.drop(messageKey(u.recalledMsgId), batchBase);
  if (dropped.kind === 'dropped') return;
  if (dropped.kind === 'released') await dropped.taken;
  const done = await recallMessage(env.deps, { channel: PLATFORM, chatId: u.threadId, messageId: u.recalledMsgId, byPlatformId: u.from });
  if (!done.ok) {
    if (done.reason === 'wrong_state') {
      const partly = done.detail?.['part'] === 'yes';
      await env.say(u.threadId, explain('vi', { reason: partly ? 'zalo_part_recall_too_late' : 'zalo_withdraw_too_late', detail: { ...done.detail, name: u.name } }));
    } else if (done.reason !== 'unknown_submission') env.log.info({ thread: u.threadId, message: u.recalledMsgId, why: done.reason }, 'Zalo recall not taken');
    return;
  }
  const result = done.value;
  if (result.kind === 'withdrawn') {
    await env.say(u.threadId, message('vi', 'zalo_withdrawn', { name: u.name, code: result.submission.code ?? '?' }));
    env.hooks.withdrawn(result.submission);
    return;
  }
  const what = result.removed.files > 0 ? message('vi', 'zalo_recalled_files', { count: String(result.removed.files) }) : message('vi', 'zalo_recalled_text');
  await env.say(u.threadId, message('vi', result.item ? 'zalo_part_recalled_draft' : 'zalo_part_recalled', { name: u.name, what, code: result.submission.code ?? '?' }));
  // An accepted one is on the desk as its item: that card moves on; before triage the intake card is replaced.
  if (result.item) env.hooks.decided(result.item);
  else if (result.submission.state !== 'accepted') env.hooks.revised?.(result.before, result.submission);
}
