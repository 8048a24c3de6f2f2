import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { configOrExit } from '../config.js';
import { bilingual, type MessageKey } from '../core/messages.js';
import { formatLocal, offsetMinutes } from '../core/dates.js';
import { PROJECT_ROOT } from '../projectRoot.js';
import { restoreBackup, writeBackup, type BackupFailure, type BackupSource, type WriteFailure } from '../store/backup.js';
import { VERSION } from '../version.js';
import { verifyTrail } from './audit.js';
import { withStore } from './common.js';

const BACKUP_REFUSALS: Record<Exclude<BackupFailure['reason'], 'writeFailed'>, MessageKey> = {
  exists: 'backup_exists',
  noSecret: 'backup_no_secret',
  noPgDump: 'backup_no_pg_dump',
  pgDumpFailed: 'backup_pg_dump_failed',
  pgUnreachable: 'backup_pg_unreachable',
  copyDamaged: 'backup_copy_damaged',
};
const WRITE_FAILURES: Record<WriteFailure, MessageKey> = {
  full: 'backup_write_full',
  permission: 'backup_write_permission',
  readOnly: 'backup_write_read_only',
  other: 'backup_write_other',
};

/** Why the backup failed, then what became of the folder it was writing. */
function failureText(failure: BackupFailure, target: string): string {
  const lines = [
    failure.reason === 'writeFailed'
      ? bilingual(WRITE_FAILURES[failure.why], { target, error: failure.detail })
      : bilingual(BACKUP_REFUSALS[failure.reason], { detail: failure.detail }),
  ];
  const partial = failure.partial;
  if (partial.made) lines.push(partial.removed ? bilingual('backup_partial_removed', { target }) : bilingual('backup_partial_left', { folder: partial.folder, error: partial.error }));
  return lines.join('\n');
}

const RESTORE_REFUSALS: Record<string, MessageKey> = {
  notBackup: 'restore_not_backup',
  damaged: 'restore_damaged',
  unsafePath: 'restore_unsafe_path',
  occupied: 'restore_occupied',
  secretNeeded: 'restore_secret_needed',
  secretMismatch: 'restore_secret_mismatch',
  postgres: 'restore_postgres',
};

/** 20261203-094500: sorts by time in a listing, in the province's time zone like every date people read. */
function stamp(now: Date, timeZone: string): string {
  const local = new Date(now.getTime() + offsetMinutes(now, timeZone) * 60_000).toISOString();
  return `${local.slice(0, 10).replaceAll('-', '')}-${local.slice(11, 19).replaceAll(':', '')}`;
}

const isWithin = (dir: string, parent: string) => dir === parent || dir.startsWith(`${parent}${sep}`);

function targetProblem(dir: string): MessageKey | null {
  if (!existsSync(dir)) return 'backup_target_missing';
  return statSync(dir).isDirectory() ? null : 'backup_target_not_folder';
}

function source(): BackupSource {
  const config = configOrExit();
  return { databaseUrl: config.databaseUrl, dataDir: config.dataDir, mediaDir: config.mediaDir, secretFromEnv: config.hubSecret };
}

export function addBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Sao lưu cơ sở dữ liệu, khóa, mốc nhật ký và media vào một thư mục (dịch vụ vẫn chạy) / back up the database, key, checkpoints and media into a folder (the service may keep running)')
    .option('--to <dir>', 'thư mục chứa các bản sao lưu (mặc định: backups/ của dự án) / where backups go (default: the project’s backups/)')
    .action(async (o: { to?: string }) => {
      // `--to ""` (an unset shell variable in cron) would otherwise put the key-bearing backup in the working directory.
      if (o.to !== undefined && o.to.trim() === '') {
        console.error(bilingual('backup_to_empty'));
        process.exit(1);
      }
      const config = configOrExit();
      const now = new Date();
      // A folder named by hand must be there already: a typo or a disk not mounted would otherwise fill the system disk unseen.
      const problem = o.to === undefined ? null : targetProblem(resolve(o.to));
      if (problem) {
        console.error(bilingual(problem, { dir: resolve(o.to ?? '') }));
        process.exit(1);
      }
      // Inside the data (or media) folder, each backup would copy the ones before it, and a lost disk takes both.
      const target = realpathSync(resolve(o.to ?? PROJECT_ROOT));
      const inside = [config.dataDir, config.mediaDir].filter((dir) => existsSync(dir)).find((dir) => isWithin(target, realpathSync(dir)));
      if (o.to !== undefined && inside) {
        console.error(bilingual('backup_target_inside_data', { dir: target, data: inside }));
        process.exit(1);
      }
      const folder = join(resolve(o.to ?? join(PROJECT_ROOT, 'backups')), `portal-hub-${stamp(now, config.timeZone)}`);
      const outcome = await writeBackup(source(), folder, VERSION, now);
      if (!outcome.ok) {
        console.error(failureText(outcome, dirname(folder)));
        process.exit(1);
      }
      const bytes = outcome.manifest.files.reduce((sum, f) => sum + f.bytes, 0);
      console.log(
        // With the key in the environment the folder does not hold it: said once, by backup_secret_env below.
        bilingual(outcome.manifest.secret.kept === 'environment' ? 'backup_written_keyless' : 'backup_written', {
          folder: outcome.folder,
          files: String(outcome.manifest.files.length),
          mb: (bytes / 2 ** 20).toFixed(1),
          seq: String(outcome.manifest.auditHead?.seq ?? '?'),
        }),
      );
      if (outcome.manifest.secret.kept === 'environment') console.error(bilingual('backup_secret_env', { fingerprint: outcome.manifest.secret.fingerprint }));
    });

  program
    .command('restore')
    .description('Khôi phục một bản sao lưu vào thư mục dữ liệu trống (--data), rồi kiểm tra nhật ký / restore a backup into an empty data folder (--data), then verify the audit trail')
    .argument('<folder>', 'thư mục bản sao lưu / the backup folder')
    .action(async (folder: string) => {
      const target = source();
      const outcome = await restoreBackup(resolve(folder), target);
      if (!outcome.ok) {
        console.error(bilingual(RESTORE_REFUSALS[outcome.reason]!, { detail: outcome.detail }));
        process.exit(1);
      }
      const config = configOrExit();
      console.log(
        bilingual('restore_done', {
          files: String(outcome.restored),
          created: formatLocal(new Date(outcome.manifest.createdAt), config.timeZone),
          version: outcome.manifest.version,
          where: config.dataDir,
        }),
      );
      const intact = await withStore(
        async (deps) => {
          const head = (await deps.store.auditSeal()).seq;
          const expected = outcome.manifest.auditHead?.seq;
          const ok = await verifyTrail(deps, config, []);
          if (expected !== undefined && head !== expected) {
            console.error(bilingual('restore_head_moved', { found: String(head), expected: String(expected) }));
            return false;
          }
          return ok;
        },
        { keyTrail: false },
      );
      if (!intact) process.exitCode = 1;
    });
}
