import { join } from 'node:path';
import type { Command } from 'commander';
import { takeCheckpoint } from '../app/auditCheckpoint.js';
import { parseCheckpoint, type Checkpoint } from '../core/auditCheckpoint.js';
import { findingMessage } from '../core/auditMessages.js';
import { bilingual, LANGS, message } from '../core/messages.js';
import { checkpointFile } from '../store/auditCheckpoints.js';
import type { Deps } from '../app/deps.js';
import type { Config } from '../config.js';
import { cliAuditKeys, withStore } from './common.js';

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * The trail checked against its seals and every checkpoint (the file's and those given), reported in both
 * languages: true when intact. `audit verify` and `restore` say the same.
 */
export async function verifyTrail(deps: Deps, config: Config, given: string[]): Promise<boolean> {
  const file = await checkpointFile(config.dataDir).read();
  const parsed = given.map((text) => ({ text, checkpoint: parseCheckpoint(text) }));
  const unreadable = [...file.unreadable, ...parsed.filter((g) => !g.checkpoint).map((g) => g.text)];
  const checkpoints: Checkpoint[] = [...file.checkpoints, ...parsed.flatMap((g) => (g.checkpoint ? [g.checkpoint] : []))];
  const report = await deps.store.verifyAudit(checkpoints);
  // Another key than the data's own: the head does not fit and not even the first row verifies. With the
  // right key an altered row breaks the chain after the rows before it verified, and is reported below.
  if (report.verified === 0 && report.findings.length > 0 && (await deps.store.auditKeyFits(cliAuditKeys(config).rows)) === false) {
    console.error(bilingual('audit_wrong_key', { source: config.hubSecret ? 'HUB_SECRET' : join(config.dataDir, 'hub-secret') }));
    return false;
  }
  // Without an anchor, rows cut from the end with the head set back cannot be seen: say so.
  if (checkpoints.length === 0 && report.verified > 0) console.error(bilingual('audit_no_checkpoints', { file: join(config.dataDir, 'audit-checkpoints') }));
  if (report.findings.length === 0 && unreadable.length === 0) {
    console.log(bilingual('audit_intact', { rows: String(report.verified), checkpoints: String(checkpoints.length) }));
    return true;
  }
  const lines = LANGS.map((lang) =>
    [
      message(lang, 'audit_tampered'),
      ...report.findings.map((f) => {
        const m = findingMessage(f);
        return `- ${message(lang, m.key, m.detail)}`;
      }),
      ...unreadable.map((text) => `- ${message(lang, 'audit_checkpoint_bad', { text })}`),
    ].join('\n'),
  );
  console.error(lines.join('\n'));
  return false;
}

export function addAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Nhật ký kiểm tra / audit trail');

  audit
    .command('verify')
    .description('Kiểm tra nhật ký: chuỗi băm, chữ ký khóa, quyết định, bản đăng và các mốc / verify the trail, its seals, decisions, publications and checkpoints')
    .option('--checkpoint <text>', 'thêm một mốc, vd. chép từ nhóm quản trị / a checkpoint copied from the admins’ chat (repeatable)', collect, [])
    .action(async (o: { checkpoint: string[] }) =>
      withStore(async (deps, config) => {
        // A checkpoint mistyped at the terminal is the operator's slip, not a sign of tampering: said as such.
        const mistyped = o.checkpoint.filter((text) => !parseCheckpoint(text));
        if (mistyped.length > 0) {
          for (const text of mistyped) console.error(bilingual('audit_checkpoint_typo', { text }));
          process.exitCode = 2;
          return;
        }
        if (!(await verifyTrail(deps, config, o.checkpoint))) process.exitCode = 1;
      }, { keyTrail: false }),
    );

  audit
    .command('checkpoint')
    .description('Ghi một mốc đầu chuỗi vào data/audit-checkpoints và gửi nhóm quản trị / anchor the head now (file and admins’ chat)')
    .action(async () =>
      withStore(async (deps, config) => {
        // Stored: the service holding the Telegram desk sends it to the admins' chat.
        const alert = async (text: string) => {
          console.log(text);
          await deps.store.raiseAlert(text, deps.clock());
        };
        const taken = await takeCheckpoint(deps, checkpointFile(config.dataDir), cliAuditKeys(config).checkpoints, alert);
        if (!taken) console.log(bilingual('audit_checkpoint_none'));
      }),
    );

  audit
    .command('upgrade')
    .description('Khóa nhật ký của phiên bản trước (mọi lệnh có ghi dữ liệu tự làm việc này; verify thì không) / key an older release’s trail (every command that writes does this itself; verify never does)')
    .option('--accept-break', 'khóa cả khi nhật ký cũ đã bị sửa; chỗ hỏng được ghi lại / key it even when broken; the break is recorded')
    .action(async (o: { acceptBreak?: boolean }) =>
      withStore(async (deps) => {
        console.log(bilingual('audit_is_keyed', { seq: String((await deps.store.auditSeal()).seq) }));
      }, { acceptBreak: o.acceptBreak === true }),
    );
}
