import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openClient } from '../../src/store/client.js';
import { FakeTelegram, type Call } from '../fakes/telegramApi.js';
import { startZaloWebFake } from '../fakes/zaloWeb.js';
import { runCli } from './cli.js';
import type { TestDatabase } from './databases.js';
import { freePort, startService, type Running } from './service.js';
import { FILES, TOKEN } from './telegram.js';

/**
 * The crash loop of issue 12, driven only from outside: the real service process, the Bot API and
 * Zalo Web stand-ins, the command line. Collaborators post on Telegram (single messages and albums)
 * and on Zalo; an editor presses "accept" three times on every intake card the bot shows on
 * Telegram, and a second editor, only on Zalo, reacts 👍 three times on every review card the bot
 * posts in the Zalo review group; meanwhile the service is killed with SIGKILL at a random instant
 * (0–2 s after it opened its port) again and again. After the last restart it runs until everything
 * is taken in and decided.
 */
export interface CrashLoopSize {
  submissions: number;
  /** Presses per intake card shown (a card lost to a kill is shown again and pressed again). */
  pressesPerCard: number;
  kills: number;
}

export interface CrashLoopResult {
  titles: Map<string, number>;
  accepts: Map<string, number>;
  /** Editor-step approvals the Zalo reviewer's 👍 made, by submission title. */
  approvals: Map<string, number>;
  /** Acknowledgements each collaborator got, by name. */
  acks: Map<string, number>;
  collaborators: string[];
  presses: number;
  /** Of them, 👍 reactions on Zalo review cards. */
  zaloPresses: number;
  /** Kills that landed while some submission or press was not saved yet. */
  killsMidWork: number;
  /** For each acknowledgement sent more than once: the longest time from a copy to the kill after it (ms; negative: the kill came first). */
  doubles: { name: string; msBeforeKill: number | null; sentAt: number[]; killsAt: number[] }[];
  /** What the service logged as errors or warnings, all its lives together. */
  problems: string[];
  seconds: number;
}

const SECRET = 'crash-loop-hub-secret-0123456789abcdef0123';
const TG_GROUPS = [-1001000000101, -1001000000102, -1001000000103, -1001000000104];
const ZALO_GROUPS = ['7412000000000000101', '7412000000000000102'];
const ZALO_REVIEW_GROUP = '7412000000000000109';
const ZALO_REVIEWER = { uid: '889000000001', name: 'Biên Tập Hai' };
const EDITOR_ID = 5_400_000_001;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function crashLoop(db: TestDatabase, size: CrashLoopSize, log: (line: string) => void = () => undefined): Promise<CrashLoopResult> {
  const began = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-crash-'));
  const tg = new FakeTelegram({ token: TOKEN, files: FILES });
  await tg.listen();
  const zalo = await startZaloWebFake({ session: 'sek-from-qr-login' });
  const cliEnv = { DATABASE_URL: db.url, DATA_DIR: dataDir, HUB_SECRET: SECRET, ZALO_WEB_BASE: zalo.base };
  const cli = async (args: string[]) => {
    const r = await runCli(args, cliEnv);
    if (r.code !== 0) throw new Error(`portal-hub ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  await cli(['init', '--site-key', 'tinh', '--name-vi', 'Cổng tỉnh', '--name-en', 'Portal', '--prefix', 'BP', '--admin-name', 'Quản Trị']);
  const editor = (await cli(['person', 'add', '--name', 'Biên Tập Viên'])).trim();
  await cli(['grant', '--person', editor, '--site', 'tinh', '--role', 'editor']);
  const code = /^(\S+)/.exec(await cli(['link-code', '--person', editor]))![1]!;
  const reviewer = (await cli(['person', 'add', '--name', ZALO_REVIEWER.name])).trim();
  await cli(['grant', '--person', reviewer, '--site', 'tinh', '--role', 'editor']);
  const reviewerCode = /^(\S+)/.exec(await cli(['link-code', '--person', reviewer]))![1]!;
  await cli(['zalo', 'login', '--qr-path', join(dataDir, 'qr.png')]);

  const port = await freePort();
  const env = {
    ...cliEnv,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: tg.root,
    TELEGRAM_INTAKE_CHATS: TG_GROUPS.join(','),
    ZALO_GROUP_INTAKE: ZALO_GROUPS.join(','),
    ZALO_REVIEW_GROUP: ZALO_REVIEW_GROUP,
    ZALO_SEND_GAP_MS: '30',
    ZALO_SEND_JITTER_MS: '10',
    // The crash loop counts what is lost or doubled, not the send budget (tests/adapters/zalo-group/budget.test.ts does).
    ZALO_SEND_PER_HOUR: '100000',
    ZALO_SEND_PER_DAY: '1000000',
    LOG_FORMAT: 'json',
  };
  let run: Running | null = null;
  const lives: Running[] = [];
  const start = async (): Promise<Running> => {
    const r = startService(dataDir, port, env, true);
    lives.push(r);
    const until = Date.now() + 60_000;
    while (!/portal-hub listening/.test(r.output())) {
      if (Date.now() > until) throw new Error(`the service did not start: ${r.output().slice(-3000)}`);
      if (r.child.exitCode !== null) throw new Error(`the service exited: ${r.output().slice(-3000)}`);
      await sleep(25);
    }
    return r;
  };

  const editorUser = { id: EDITOR_ID, is_bot: false as const, first_name: 'Biên', username: 'bien_tap' };
  const dm = (text: string) => tg.push({ message: { message_id: tg.newMessageId(), from: editorUser, chat: { id: EDITOR_ID, type: 'private', first_name: 'Biên' }, date: Math.floor(Date.now() / 1000), text } });

  // Submissions: a third Telegram single messages, a third Telegram albums of two photos, a third Zalo messages.
  const collaborators: string[] = [];
  const titles: string[] = [];
  const senders: (() => void)[] = [];
  for (let i = 0; i < size.submissions; i += 1) {
    const title = `Tin số ${i + 1} từ cơ sở`;
    const name = `CTV Số ${i + 1}`;
    titles.push(title);
    collaborators.push(name);
    const text = `${title}\nNội dung tin số ${i + 1}.`;
    const kind = i % 3;
    if (kind === 2) {
      const group = ZALO_GROUPS[i % ZALO_GROUPS.length]!;
      senders.push(() => void zalo.groupMessage({ threadId: group, from: String(881_000_000 + i), name, content: text }));
      continue;
    }
    const from = { id: 5_500_000_000 + i, is_bot: false as const, first_name: name };
    const chat = { id: TG_GROUPS[i % TG_GROUPS.length]!, type: 'supergroup', title: 'Cộng tác viên' };
    const message = (fields: object) => ({ message: { message_id: tg.newMessageId(), from, chat, date: Math.floor(Date.now() / 1000), ...fields } });
    if (kind === 0) senders.push(() => void tg.push(message({ text })));
    else
      senders.push(() => {
        const album = `album-${i}`;
        tg.push(message({ media_group_id: album, caption: text, photo: [{ file_id: 'AgACAgUAAxkBAAIFgmdKr-a-large', file_unique_id: `a${i}`, width: 1, height: 1 }] }));
        setTimeout(() => tg.push(message({ media_group_id: album, photo: [{ file_id: 'AgACAgUAAxkBAAIFg2dKr-b-large', file_unique_id: `b${i}`, width: 1, height: 1 }] })), 150);
      });
  }

  // The editor presses "accept" on every intake card the bot shows them, a few times, at random.
  let presses = 0;
  const pressed = new Set<number>();
  const presser = setInterval(() => {
    for (const card of tg.sent('sendMessage', EDITOR_ID)) {
      const id = (card.result as { message_id: number }).message_id;
      if (pressed.has(id)) continue;
      const button = buttons(card).find((b) => b.text.includes('Tiếp nhận'));
      if (!button) continue;
      pressed.add(id);
      for (let p = 0; p < size.pressesPerCard; p += 1) {
        presses += 1;
        setTimeout(
          () =>
            tg.push({
              callback_query: { id: `cq-${id}-${p}`, from: editorUser, chat_instance: '1', data: button.callback_data, message: { message_id: id, chat: { id: EDITOR_ID, type: 'private', first_name: 'Biên' }, date: 0, text: String(card.params.text) } },
            }),
          Math.random() * 1500,
        );
      }
    }
  }, 100);

  // The Zalo reviewer reacts 👍 on every editor-step card the bot posts in the review group, a few times, at random.
  let zaloPresses = 0;
  const reacted = new Set<string>();
  const zaloPresser = setInterval(() => {
    for (const card of zalo.sends) {
      if (card.threadId !== ZALO_REVIEW_GROUP || reacted.has(card.msgId) || !/— chờ duyệt, bước: Biên tập\n/.test(card.text)) continue;
      reacted.add(card.msgId);
      for (let p = 0; p < size.pressesPerCard; p += 1) {
        zaloPresses += 1;
        setTimeout(() => zalo.reaction({ threadId: ZALO_REVIEW_GROUP, from: ZALO_REVIEWER.uid, name: ZALO_REVIEWER.name, icon: '/-strong', msgId: card.msgId }), Math.random() * 1500);
      }
    }
  }, 100);

  const client = openClient(db.url);
  const unsaved = async () => {
    const [subs, accepted, items, atEditor] = await Promise.all([
      client.submission.count(),
      client.submission.count({ where: { state: 'accepted' } }),
      client.item.count(),
      client.item.count({ where: { step: 'editor' } }),
    ]);
    return subs < senders.length || accepted < subs || items < accepted || atEditor > 0;
  };
  try {
    run = await start();
    dm(`/link ${code}`);
    await tg.waitFor(() => tg.texts(EDITOR_ID).some((t) => t.includes('Đã liên kết')), 60_000);
    zalo.groupMessage({ threadId: ZALO_REVIEW_GROUP, from: ZALO_REVIEWER.uid, name: ZALO_REVIEWER.name, content: `/link ${reviewerCode}` });
    await tg.waitFor(() => zalo.sends.some((m) => m.threadId === ZALO_REVIEW_GROUP && m.text.includes('Đã liên kết tài khoản Zalo')), 60_000);

    // Each life of the service: some submissions posted now, the kill at a random instant 0–2 s later.
    let next = 0;
    let killsMidWork = 0;
    const killedAt: number[] = [];
    // The first half of the lives take the submissions in; in the second half each kill comes 0–2 s after a
    // press was made in that life (on Zalo and on Telegram in turn), so kills land while decisions are in flight.
    const intakeLives = Math.ceil(size.kills / 2);
    for (let kill = 0; kill < size.kills; kill += 1) {
      if (kill < intakeLives) {
        const share = Math.ceil((senders.length - next) / (intakeLives - kill));
        for (let s = 0; s < share && next < senders.length; s += 1) setTimeout(senders[next++]!, Math.random() * 2000);
      } else {
        const onZalo = kill % 2 === 0;
        const before = onZalo ? zaloPresses : presses;
        await tg.waitFor(() => (onZalo ? zaloPresses : presses) > before, 20_000).catch(() => log(`kill ${kill + 1}: no press on ${onZalo ? 'Zalo' : 'Telegram'} within 20 s`));
      }
      await sleep(Math.random() * 2000);
      if (await unsaved()) killsMidWork += 1;
      run.child.kill('SIGKILL');
      killedAt.push(Date.now());
      await run.exited;
      log(`kill ${kill + 1}/${size.kills}: ${await client.submission.count()} submissions, ${presses} presses on Telegram, ${zaloPresses} on Zalo`);
      run = await start();
    }
    while (next < senders.length) senders[next++]!();

    // After the last restart: everything is taken in, decided, and acknowledged.
    await tg.waitFor(async () => !(await unsaved()) && (await client.submission.count()) === senders.length, 120_000 + size.submissions * 8_000).catch(async (error: unknown) => {
      const saved = (await client.submission.findMany({ select: { rawText: true, state: true } })).map((x) => `${x.rawText.split('\n')[0]!} ${x.state}`);
      throw new Error(`not all saved and decided: ${JSON.stringify(saved)}; ${String(error)}`);
    });
    const acks = () => {
      const counts = new Map<string, number>(collaborators.map((c) => [c, 0]));
      // A burst of notices to one Telegram chat is merged into one message, a line each.
      const texts = [...TG_GROUPS.flatMap((g) => tg.texts(g)), ...zalo.sends.map((s) => s.text)].flatMap((t) => t.split('\n')).filter((t) => t.includes('Đã nhận tin'));
      for (const t of texts) for (const c of collaborators) if (t.endsWith(`của ${c}. Ban Biên tập sẽ xem xét và báo lại.`)) counts.set(c, (counts.get(c) ?? 0) + 1);
      return counts;
    };
    await tg.waitFor(() => [...acks().values()].every((n) => n > 0), 120_000);
    // Anything told twice would go out within the outcome clock's period; give it two.
    await sleep(7000);

    const subs = await client.submission.findMany({ select: { id: true, rawText: true } });
    const titleCounts = new Map<string, number>(titles.map((t) => [t, 0]));
    for (const s of subs) {
      const t = s.rawText.split('\n')[0]!;
      titleCounts.set(t, (titleCounts.get(t) ?? 0) + 1);
    }
    const reviewerApprovals = await client.decision.findMany({ where: { actorId: reviewer, action: 'approve' }, select: { itemId: true } });
    const items = await client.item.findMany({ select: { id: true, submissionId: true } });
    const approvals = new Map<string, number>(subs.map((s) => [s.rawText.split('\n')[0]!, 0]));
    for (const a of reviewerApprovals) {
      const sub = items.find((i) => i.id === a.itemId)?.submissionId;
      const t = subs.find((s) => s.id === sub)?.rawText.split('\n')[0] ?? `unknown item ${a.itemId}`;
      approvals.set(t, (approvals.get(t) ?? 0) + 1);
    }
    const acceptRows = await client.auditEvent.findMany({ where: { action: 'submission.accept' }, select: { subjectId: true } });
    const accepts = new Map<string, number>(subs.map((s) => [s.rawText.split('\n')[0]!, 0]));
    const titleOf = new Map(subs.map((s) => [s.id, s.rawText.split('\n')[0]!]));
    for (const a of acceptRows) {
      const t = titleOf.get(a.subjectId) ?? `unknown ${a.subjectId}`;
      accepts.set(t, (accepts.get(t) ?? 0) + 1);
    }
    const ackTimes = [...TG_GROUPS.flatMap((g) => tg.sent('sendMessage', g).map((c) => ({ at: c.at, text: String(c.params.text) }))), ...zalo.sends].filter((x) => x.text.includes('Đã nhận tin'));
    const doubles = [...acks()].filter(([, n]) => n > 1).map(([name]) => {
      const times = ackTimes.filter((x) => x.text.includes(`của ${name}.`)).map((x) => x.at);
      // Every copy but the last went out in a life that a kill ended before its mark: the kill nearest after each,
      // or just before it (a message the dying process had on the wire reaches the stand-in a few ms late).
      const repeated = times.slice(0, -1).map((t) => killedAt.filter((k) => k >= t - 100).map((k) => k - t)[0] ?? null);
      const msBeforeKill = repeated.some((ms) => ms === null) ? null : Math.max(...(repeated as number[]));
      // When each receipt went out and when the kills came, in ms from the start: what a failure report needs.
      return { name, msBeforeKill, sentAt: times.map((t) => t - began), killsAt: killedAt.map((k) => k - began) };
    });
    const problems = lives.flatMap((l) => l.output().split('\n')).filter((line) => /"level":(40|50|60)/.test(line)).map((line) => line.slice(0, 400));
    if (process.env.CRASH_LOOP_LOGS) writeFileSync(process.env.CRASH_LOOP_LOGS, lives.map((l, i) => `--- life ${i + 1}\n${l.output()}`).join('\n'));
    return { titles: titleCounts, accepts, approvals, acks: acks(), collaborators, presses: presses + zaloPresses, zaloPresses, killsMidWork, doubles, problems, seconds: (Date.now() - began) / 1000 };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- service log ---\n${run?.output().slice(-4000) ?? ''}`);
  } finally {
    clearInterval(presser);
    clearInterval(zaloPresser);
    if (run && run.child.exitCode === null) {
      run.child.kill('SIGTERM');
      await run.exited;
    }
    await client.$disconnect();
    await tg.close();
    await zalo.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const buttons = (card: Call): { text: string; callback_data: string }[] =>
  ((card.params.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard ?? []).flat();
