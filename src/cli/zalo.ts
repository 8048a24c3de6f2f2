import { join } from 'node:path';
import type { Command } from 'commander';
import { ACCOUNT_KEY } from '../../adapters/zalo-group/credentials.js';
import { askZaloResume } from '../../adapters/zalo-group/resume.js';
import { zaloFetch } from '../../adapters/zalo-group/web.js';
import { formatLocal } from '../core/dates.js';
import { bilingual, message } from '../core/messages.js';
import { sealingKey } from '../core/sealing.js';
import { configOrExit } from '../config.js';
import { ensureHubSecret } from '../secret.js';
import { createSendBudget } from '../app/sendBudget.js';
import { withStore } from './common.js';
import type { Deps } from '../app/deps.js';
import type { SendLimits } from '../core/sendBudget.js';

/** Why a QR sign-in ended, as the operator reads it: a network code for an unreachable Zalo, never a bare "fetch failed". */
const LOGIN_FAILURES = { unreachable: 'zalo_login_unreachable', declined: 'zalo_login_declined', expired: 'zalo_login_gave_up', failed: 'zalo_login_failed_cli' } as const;
import { PLATFORM as BOT_ACCOUNT_KEY } from '../../adapters/zalo-bot/env.js';

export function addZaloCommands(program: Command): void {
  const zalo = program.command('zalo').description('Tài khoản Zalo của bot (nhóm cộng tác viên) / the bot’s Zalo account (collaborators’ groups)');

  zalo
    .command('login')
    .description('Đăng nhập bằng mã QR, lưu phiên đã mã hóa / sign in with a QR code; the session is stored encrypted')
    .option('--qr-path <file>', 'nơi lưu ảnh mã QR / where the QR picture is saved')
    .action(async (o: { qrPath?: string }) => {
      const config = configOrExit();
      const key = sealingKey(ensureHubSecret(config.dataDir, config.hubSecret).secret);
      // zca-js takes half a second to load: only this command pays for it, not every `portal-hub` run.
      const { loginByQr } = await import('../../adapters/zalo-group/login.js');
      await withStore(async (deps) => {
        const done = await loginByQr({
          deps,
          sealingKey: key,
          qrPath: o.qrPath ?? join(config.dataDir, 'zalo-qr.png'),
          fetch: zaloFetch(config.zaloWebBase),
          print: (text) => console.log(text),
        });
        if (!done.ok) {
          console.error(bilingual(LOGIN_FAILURES[done.reason], { detail: done.detail }));
          process.exitCode = 1;
          return;
        }
        console.log(message('vi', 'zalo_login_done', { name: done.name, uid: done.uid }));
        console.log(message('en', 'zalo_login_done', { name: done.name, uid: done.uid }));
      });
    });

  zalo
    .command('resume')
    .description('Cho bot kết nối lại sau khi bị phiên khác chiếm hai lần / let the bot connect again after two take-overs')
    .action(async () =>
      withStore(async (deps) => {
        const done = await askZaloResume(deps);
        const key = done.ok ? 'zalo_resume_asked' : 'zalo_resume_not_held';
        const detail = { state: done.ok ? 'heldOff' : (done.state ?? '—') };
        console.log(`${message('vi', key, detail)}\n${message('en', key, detail)}`);
        if (!done.ok) process.exitCode = 1;
      }),
    );

  zalo
    .command('status')
    .description('Trạng thái đăng nhập Zalo và hạn mức gửi tin (cả bot Zalo chính thức) / the Zalo sign-in state and send budgets (the official Zalo bot too)')
    .option('--json', 'dạng JSON cho chương trình khác / in JSON, for scripts')
    .action(async (o: { json?: boolean }) => {
      const config = configOrExit();
      await withStore(async (deps) => {
        const account = await deps.store.chatAccount(ACCOUNT_KEY);
        const groupLimits = config.zaloGroup?.budget ?? { perHour: 60, perDay: 300 };
        if (o.json) {
          // What the text shows, as data: never the sealed session (cookies, imei) nor the bot's token. Same exit code as the text.
          const status = {
            group: account ? { accountId: account.accountId, state: account.state, updatedAt: account.updatedAt.toISOString(), lastError: account.lastError, budget: await budget(deps, ACCOUNT_KEY, groupLimits) } : null,
            bot: config.zaloBot ? { budget: await budget(deps, BOT_ACCOUNT_KEY, config.zaloBot.budget) } : null,
          };
          console.log(JSON.stringify(status, null, 2));
          const signedOut = !account && (!config.zaloBot || Boolean(config.zaloGroup));
          if (signedOut || (account && account.state !== 'active')) process.exitCode = 1;
          return;
        }
        if (account) {
          const detail = { account: account.accountId ?? '?', state: account.state, at: formatLocal(account.updatedAt, deps.timeZone), error: account.lastError ? ` — ${account.lastError}` : '' };
          console.log(`${message('vi', 'zalo_status_line', detail)}\n${message('en', 'zalo_status_line', detail)}`);
          // Without ZALO_GROUP_INTAKE the desk is off: what was sent is still shown, against the default budget.
          await printBudget(deps, ACCOUNT_KEY, groupLimits);
          if (account.state !== 'active') process.exitCode = 1;
        } else if (!config.zaloBot || config.zaloGroup) {
          console.log(`${message('vi', 'zalo_status_none')}\n${message('en', 'zalo_status_none')}`);
          process.exitCode = 1;
        }
        if (config.zaloBot) {
          console.log(`${message('vi', 'zalo_bot_status_line')}\n${message('en', 'zalo_bot_status_line')}`);
          await printBudget(deps, BOT_ACCOUNT_KEY, config.zaloBot.budget);
        }
      });
    });
}

/** What an account sent in the last hour and day against its budget, and when more may go (null: now). */
async function budget(deps: Deps, accountKey: string, limits: SendLimits) {
  const sent = await createSendBudget({ store: deps.store, clock: deps.clock, accountKey, label: 'Zalo', limits }).status();
  return { sentHour: sent.sentHour, perHour: limits.perHour, sentDay: sent.sentDay, perDay: limits.perDay, nextFreeAt: sent.nextFreeAt === null ? null : new Date(sent.nextFreeAt).toISOString() };
}

/** What an account sent in the last hour and day against its budget, and when more may go. */
async function printBudget(deps: Deps, accountKey: string, limits: SendLimits): Promise<void> {
  const sent = await budget(deps, accountKey, limits);
  const minutes = sent.nextFreeAt === null ? null : String(Math.max(1, Math.ceil((Date.parse(sent.nextFreeAt) - deps.clock().getTime()) / 60_000)));
  const line = (lang: 'vi' | 'en') =>
    message(lang, 'chat_send_budget_line', { hour: String(sent.sentHour), perHour: String(sent.perHour), day: String(sent.sentDay), perDay: String(sent.perDay), next: minutes ? message(lang, 'budget_next_free', { minutes }) : '' });
  console.log(`${line('vi')}\n${line('en')}`);
}
