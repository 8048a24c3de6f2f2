import { shownName } from '../core/names.js';
import type { Command } from 'commander';
import { CREDENTIALS_MAX_BYTES, connectChannel, credentialsTooLarge, reconnectChannel, removeChannel, setChannelState, type CredentialsProbe } from '../app/channels.js';
import { OPERATOR } from '../app/people.js';
import { channelsOverview, describeChannel, retryItem } from '../app/mirrors.js';
import { sealingKey } from '../core/sealing.js';
import { configOrExit } from '../config.js';
import { CHANNEL_PROFILES, mirrorQuotas } from '../mirrorSetup.js';
import { ensureHubSecret } from '../secret.js';
import { fail, withStore } from './common.js';
import { testChannel } from '../app/channelTest.js';
import { dispatchEnvFor } from '../mirrorSetup.js';
import type { ChannelProbe } from '../core/delivery.js';
import type { ChannelAccount, ChannelRecord } from '../app/outboxPorts.js';
import { bilingual, LANGS, logLine, message } from '../core/messages.js';

/**
 * What `channel test` found, in both languages, with the channel as the test left it; true when the channel
 * can mirror as it is. `missing` is what posting needs; what only some work needs is the probe's note, a
 * warning that leaves the answer true.
 */
function reportProbe(channel: ChannelRecord, probe: ChannelProbe): boolean {
  const where = { key: channel.key, platform: channel.platform, account: channel.accountId };
  if (probe.kind !== 'reachable') {
    const kind = probe.kind === 'outcomeUnknown' ? 'retryLater' : probe.kind;
    console.error(bilingual(`channel_test_${kind}`, { ...where, reason: probe.reason }));
    if (probe.kind === 'needsReauth' && channel.state === 'needsReauth') console.error(bilingual('channel_test_marked_reauth', { key: channel.key }));
    return false;
  }
  for (const lang of LANGS) {
    const granted = probe.granted.length > 0 ? probe.granted.join(', ') : message(lang, 'channel_test_not_listed');
    console.log(message(lang, 'channel_test_reachable', { ...where, name: shownName(probe.name), note: probe.note ? ` ${message(lang, probe.note.key, probe.note.detail)}` : '', granted }));
    if (probe.missing.length > 0) console.log(message(lang, 'channel_test_missing', { key: channel.key, missing: probe.missing.join(', ') }));
  }
  // A good answer does not bring back a channel waiting for a reconnect (a good delivery would not either).
  if (channel.state === 'needsReauth') console.error(bilingual('channel_test_still_reauth', { key: channel.key, why: channel.lastError ? ` (${channel.lastError})` : '' }));
  return probe.missing.length === 0 && channel.state !== 'needsReauth';
}

/**
 * Tokens come on standard input, never as arguments (they would sit in the shell history and the process list).
 * Reading stops as soon as the input passes CREDENTIALS_MAX_BYTES: nothing that size is a token, and it is
 * neither buffered nor stored.
 */
async function tokenFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(`${logLine('channel_paste_token')}\n`);
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early ends the stream: nothing more is read.
  for await (const chunk of process.stdin) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += bytes.length;
    if (size > CREDENTIALS_MAX_BYTES) fail(credentialsTooLarge());
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** The platform's read call for credentials not yet stored (as channel test makes), when this build has an adapter for it. */
function probeFor(adapters: Readonly<Partial<Record<string, { probe: CredentialsProbe }>>>, platform: string): CredentialsProbe | undefined {
  const adapter = adapters[platform];
  return adapter ? (account: ChannelAccount) => adapter.probe(account) : undefined;
}

function key(): Buffer {
  const config = configOrExit();
  return sealingKey(ensureHubSecret(config.dataDir, config.hubSecret).secret);
}

const list = (v: string) => v.split(',').map((s) => s.trim()).filter((s) => s !== '');

export function addChannelCommands(program: Command): void {
  const channel = program.command('channel').description('Kênh mạng xã hội (Facebook, YouTube, Zalo OA) / mirror channels');

  channel
    .command('connect')
    .description('Kết nối một kênh; token đọc từ stdin / connect a channel; the token is read from standard input')
    .argument('<key>', 'mã kênh, vd. facebook / channel key')
    .requiredOption('--platform <platform>', Object.keys(CHANNEL_PROFILES).join(' | '))
    .requiredOption('--account <id>', 'mã Trang, kênh hoặc OA / Page, channel or OA id')
    .option('--kinds <list>', 'chỉ các loại tin này, vd. article,video / only these kinds', list)
    .option('--categories <list>', 'chỉ các chuyên mục này / only these sections', list)
    .option('--sites <list>', 'chỉ tin của các trang này (mã trang), vd. so-y-te / only these sites’ items (site keys)', list)
    .option('--broadcast', 'Zalo OA: gửi mỗi bài tới người quan tâm (trong hạn mức tháng) / also broadcast each article to followers')
    .action(async (k: string, o: { platform: string; account: string; kinds?: string[]; categories?: string[]; sites?: string[]; broadcast?: boolean }) => {
      const token = await tokenFromStdin();
      await withStore(async (deps, config) => {
        const secret = ensureHubSecret(config.dataDir, config.hubSecret).secret;
        // One read call with the token first (as channel test makes): a token the platform refuses is not kept.
        const probe = probeFor(dispatchEnvFor(config, deps, secret, { leaseMs: 60_000 }).adapters, o.platform);
        const r = await connectChannel(deps, key(), CHANNEL_PROFILES, { key: k, platform: o.platform, accountId: o.account, token, ...(o.kinds ? { kinds: o.kinds } : {}), ...(o.categories ? { categories: o.categories } : {}), ...(o.sites ? { sites: o.sites } : {}), broadcast: o.broadcast ?? false }, probe);
        if (!r.ok) fail(r);
        const c = r.value.channel;
        console.log(`Đã kết nối / connected: ${c.key} (${c.platform} ${c.accountId})`);
        // Stored either way: what the platform said (or that it could not answer) is for the operator to read.
        if (r.value.probe) reportProbe(c, r.value.probe);
      });
    });

  channel
    .command('reconnect')
    .description('Thay token của kênh và chạy lại / new token, channel runs again')
    .argument('<key>')
    .option('--unverified', 'nhận token mới dù nền tảng không trả lời để kiểm tra / take the new token even when the platform cannot check it')
    .action(async (k: string, o: { unverified?: boolean }) => {
      const token = await tokenFromStdin();
      await withStore(async (deps, config) => {
        const secret = ensureHubSecret(config.dataDir, config.hubSecret).secret;
        const adapters = dispatchEnvFor(config, deps, secret, { leaseMs: 60_000 }).adapters;
        // The same read call as connect: a new token the platform refuses is not kept, and the old one stays.
        const platform = (await deps.store.channels()).find((c) => c.key === k)?.platform;
        const r = await reconnectChannel(deps, key(), CHANNEL_PROFILES, k, token, platform === undefined ? undefined : probeFor(adapters, platform), { unverified: o.unverified === true });
        if (!r.ok) fail(r);
        console.log(`Đã kết nối lại / reconnected: ${k}`);
        // Stored either way when the platform could not answer, or answered with permissions missing: the operator reads why.
        if (r.value.probe) reportProbe(r.value.channel, r.value.probe);
      });
    });

  channel
    .command('test')
    .description('Thử token của kênh bằng một lệnh đọc trên nền tảng (không đăng gì) / try the channel’s token with one read call (posts nothing)')
    .argument('<key>')
    .action(async (k: string) =>
      withStore(async (deps, config) => {
        const secret = ensureHubSecret(config.dataDir, config.hubSecret).secret;
        const r = await testChannel(dispatchEnvFor(config, deps, secret, { leaseMs: 60_000 }), k);
        if (!r.ok) fail(r);
        if (!reportProbe(r.value.channel, r.value.probe)) process.exitCode = 1;
      }),
    );

  channel
    .command('list')
    .description('Tình trạng các kênh / state of every channel')
    .option('--json', 'dạng JSON cho chương trình khác / in JSON, for scripts')
    .action(async (o: { json?: boolean }) =>
      withStore(async (deps) => {
        const all = await channelsOverview(deps, mirrorQuotas(configOrExit()));
        // Never the sealed token, not even in JSON: scripts read state, not secrets.
        if (o.json) {
          const rows = all.map(({ channel: c, waiting, quota }) => ({ key: c.key, platform: c.platform, accountId: c.accountId, state: c.state, policy: c.policy, lastSuccessAt: c.lastSuccessAt, lastError: c.lastError, waiting, quota }));
          return console.log(JSON.stringify(rows, null, 2));
        }
        if (all.length === 0) console.log('Chưa có kênh / no channels');
        for (const o of all) console.log(`${describeChannel(o, 'vi', deps.timeZone)}\n  ${describeChannel(o, 'en', deps.timeZone)}`);
      }),
    );

  for (const [name, state] of [['pause', 'paused'], ['resume', 'active']] as const) {
    channel
      .command(name)
      .description(state === 'paused' ? 'Tạm dừng kênh; tin mới vẫn xếp hàng / pause; new posts still queue' : 'Chạy lại kênh / resume')
      .argument('<key>')
      .action(async (k: string) =>
        withStore(async (deps) => {
          const r = await setChannelState(deps, OPERATOR, k, state);
          if (!r.ok) fail(r);
          console.log(`${k}: ${state}`);
        }),
      );
  }

  channel
    .command('remove')
    .description('Gỡ hẳn một kênh: xóa token, hủy lượt đăng đang chờ, giữ lịch sử / disconnect for good: token erased, waiting posts cancelled, history kept')
    .argument('<key>')
    .option('--force', 'gỡ cả khi kênh còn tin phải gỡ khỏi nền tảng / even with take-downs still to carry out')
    .action(async (k: string, o: { force?: boolean }) =>
      withStore(async (deps) => {
        const r = await removeChannel(deps, k, o.force ?? false);
        if (!r.ok) fail(r);
        console.log(bilingual('channel_removed_done', { key: k, cancelled: String(r.value.cancelled), posts: String(r.value.postsLeft) }));
        if (r.value.removalsDropped.length > 0) console.log(bilingual('channel_removed_dropped', { codes: r.value.removalsDropped.join(', ') }));
      }),
    );

  channel
    .command('retry')
    .description('Đăng lại một tin lên các kênh / post an item to the channels again')
    .argument('<code>')
    .action(async (code: string) =>
      withStore(async (deps) => {
        const r = await retryItem(deps, OPERATOR, code);
        if (!r.ok) fail(r);
        console.log(`${r.value} lượt đăng đến hạn / deliveries due: ${code.toUpperCase()}`);
      }),
    );
}
