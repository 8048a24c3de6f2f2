/**
 * npm run bench -- --zalo-pacing: outbound pacing of the Zalo paths under a burst, against the
 * configured send budget (ZALO_SEND_PER_HOUR / ZALO_SEND_PER_DAY defaults: 60 and 300).
 *
 * Each path gets the same burst: one collaborator posts BURST separate items (each its own
 * submission) and BURST unknown commands (each answered; replies are never merged), all at one
 * simulated instant. Time is simulated: the desk's clock is moved by hand in STEP_MIN steps and the
 * clock's job (tellOutcomes) runs at each, while the pacing gaps between calls run in real time
 * (the tests' short ones). Every message the fake platform receives is stamped with the simulated
 * time; the figure is the most messages in any rolling hour and day, which must never exceed the
 * budget, and everything owed must have been told exactly once at the end.
 *
 * Both paths run with the same budget (the zca-js defaults; the official bot's own defaults,
 * ZALO_BOT_SEND_PER_HOUR / ZALO_BOT_SEND_PER_DAY, are 300 and 2,000).
 */
import { freshSqlite } from '../tests/helpers/databases.js';
import { GROUP, startZaloBed } from '../tests/helpers/zalo.js';
import { BOT_GROUP, startZaloBotBed } from '../tests/helpers/zaloBot.js';
import { HOUR_MS, DAY_MS, type SendLimits } from '../src/core/sendBudget.js';

const BURST = Number(process.env.ZALO_PACING_BURST ?? 60);
const STEP_MIN = 5;
const LIMITS: SendLimits = { perHour: 60, perDay: 300 };

export interface PacingRun {
  /** Simulated instants (ms from the burst) at which messages reached the platform. */
  sentAt: number[];
  submissions: number;
  /** Submissions whose acknowledgement reached the group exactly once. */
  toldOnce: number;
  repliesSent: number;
}

export type PacingPath = { name: string; run: (burst: number, limits: SendLimits) => Promise<PacingRun> };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The zca-js personal-account desk (adapters/zalo-group/) against the fake Zalo Web. */
async function zcaJs(burst: number, limits: SendLimits): Promise<PacingRun> {
  const db = await freshSqlite();
  const bed = await startZaloBed(db.url, { budget: limits });
  try {
    const t0 = bed.deps.clock().getTime();
    const stamped: { index: number; at: number }[] = [];
    const stamp = () => {
      for (let i = stamped.length; i < bed.fake.sends.length; i += 1) stamped.push({ index: i, at: bed.deps.clock().getTime() - t0 });
    };
    const submissions = async () => (await bed.deps.store.receivedSubmissionsPage(null, 1000)).rows.filter((s) => s.channel === 'zalo');
    const from = { threadId: GROUP, from: '880100200999', name: 'Đặng Thị Hoa' };
    for (let i = 1; i <= burst; i += 1) {
      bed.fake.groupMessage({ ...from, content: '/lenhkhongco' });
      bed.fake.groupMessage({ ...from, content: `Tin số ${i}\nNội dung tin số ${i}.` });
      await bed.tg.fake.waitFor(async () => (await submissions()).length === i, 20_000);
      stamp();
    }
    const codes = (await submissions()).map((s) => s.code!);
    const done = () => {
      const texts = bed.fake.sends.filter((s) => s.threadId === GROUP).map((s) => s.text);
      const toldOnce = codes.filter((code) => texts.filter((t) => t.includes(code)).length === 1).length;
      const repliesSent = texts.filter((t) => /Không có lệnh \/lenhkhongco/.test(t)).length;
      return { toldOnce, repliesSent };
    };
    for (let minutes = 0; minutes <= 48 * 60; minutes += STEP_MIN) {
      await bed.zalo.tellOutcomes();
      // Until the pacer is quiet: what this step's room allows has gone out.
      for (let seen = -1; seen !== bed.fake.sends.length; ) {
        seen = bed.fake.sends.length;
        await sleep(400);
      }
      stamp();
      const d = done();
      if (d.toldOnce === codes.length && d.repliesSent === burst) break;
      bed.tg.seeded.time.advance(STEP_MIN * 60_000);
    }
    return { sentAt: stamped.map((s) => s.at), submissions: codes.length, ...done() };
  } finally {
    await bed.stop();
    await db.drop();
  }
}

/** The official Zalo Bot Platform desk (adapters/zalo-bot/) against its stand-in, the same burst. */
async function officialBot(burst: number, limits: SendLimits): Promise<PacingRun> {
  const db = await freshSqlite();
  const bed = await startZaloBotBed(db.url, { budget: limits });
  try {
    await bed.start();
    const clock = bed.seeded.deps.clock;
    const t0 = clock().getTime();
    const stamped: number[] = [];
    const stamp = () => {
      while (stamped.length < bed.bot.sent().length) stamped.push(clock().getTime() - t0);
    };
    const chat = { id: BOT_GROUP, chat_type: 'GROUP' as const };
    const from = { id: 'a1b2c3d4e5f60718', display_name: 'Đặng Thị Hoa' };
    // A linked collaborator, as on the zca-js path: someone not linked is answered once, not sixty times.
    await bed.linked(bed.seeded.id.collaborator, from.id);
    const ids: string[] = [];
    for (let i = 1; i <= burst; i += 1) {
      await bed.bot.send({ chat, from, text: '@bot /lenhkhongco' });
      const update = await bed.bot.send({ chat, from, text: `@bot Tin số ${i}\nNội dung tin số ${i}: xã ra quân làm sạch kênh mương.` });
      ids.push(String((update.message as { message_id: string }).message_id));
      // Each its own submission: the next one after this one's quiet time.
      await bed.bot.waitFor(async () => Boolean(await bed.seeded.store.submissionByMessage('zalo-bot', BOT_GROUP, ids.at(-1)!)), 20_000);
      stamp();
    }
    const codes = (await Promise.all(ids.map((id) => bed.seeded.store.submissionByMessage('zalo-bot', BOT_GROUP, id)))).map((s) => s!.code!);
    const done = () => {
      const texts = bed.bot.texts(BOT_GROUP);
      const toldOnce = codes.filter((code) => texts.filter((t) => t.includes(code)).length === 1).length;
      const repliesSent = texts.filter((t) => /\/lenhkhongco/.test(t)).length;
      return { toldOnce, repliesSent };
    };
    for (let minutes = 0; minutes <= 48 * 60; minutes += STEP_MIN) {
      await bed.desk.tellOutcomes();
      for (let seen = -1; seen !== bed.bot.sent().length; ) {
        seen = bed.bot.sent().length;
        await sleep(300);
      }
      stamp();
      const d = done();
      if (d.toldOnce === codes.length && d.repliesSent === burst) break;
      bed.seeded.time.advance(STEP_MIN * 60_000);
    }
    return { sentAt: stamped, submissions: codes.length, ...done() };
  } finally {
    await bed.stop();
    await db.drop();
  }
}

export const PATHS: PacingPath[] = [
  { name: 'zca-js (zalo-group)', run: zcaJs },
  { name: 'Zalo Bot Platform (zalo-bot)', run: officialBot },
];

/** The most sends in any window of `windowMs` (a window starting at each send). */
function maxIn(sentAt: readonly number[], windowMs: number): number {
  const sorted = [...sentAt].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (j < sorted.length && sorted[j]! < sorted[i]! + windowMs) j += 1;
    best = Math.max(best, j - i);
  }
  return best;
}

let failed = false;
console.log(`Zalo pacing: burst of ${BURST} submissions + ${BURST} commands from one sender, budget ${LIMITS.perHour}/hour, ${LIMITS.perDay}/day (simulated time, ${STEP_MIN}-minute steps)`);
console.log('| path | messages | max in any hour | max in any day | drained after | acknowledged once | replies |');
console.log('|---|---|---|---|---|---|---|');
for (const path of PATHS) {
  const started = Date.now();
  const r = await path.run(BURST, LIMITS);
  const hour = maxIn(r.sentAt, HOUR_MS);
  const day = maxIn(r.sentAt, DAY_MS);
  const drained = r.sentAt.length > 0 ? Math.max(...r.sentAt) / HOUR_MS : 0;
  console.log(`| ${path.name} | ${r.sentAt.length} | ${hour} / ${LIMITS.perHour} | ${day} / ${LIMITS.perDay} | ${drained.toFixed(2)} h | ${r.toldOnce}/${r.submissions} | ${r.repliesSent}/${BURST} |`);
  console.log(`  (${((Date.now() - started) / 1000).toFixed(0)} s real)`);
  if (hour > LIMITS.perHour || day > LIMITS.perDay || r.toldOnce !== r.submissions || r.repliesSent !== BURST) failed = true;
}
if (failed) {
  console.error('Zalo pacing: over budget or something not told / vượt hạn mức hoặc còn tin chưa báo');
  process.exit(1);
}
