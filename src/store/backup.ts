import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, createReadStream, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ensurePrivateSqliteFile } from './fileModes.js';
import { providerOf, sqlitePath } from './url.js';

/**
 * A backup is a folder: the database (SQLite's online copy, or pg_dump's archive), the hub secret file,
 * the audit checkpoints and the media files, with a manifest naming each file's size and SHA-256. The
 * secret travels with the data it opens (sealed tokens, audit seals); one from HUB_SECRET is never
 * written down, only its fingerprint, so a restore can tell whether the right one is set.
 */
export const MANIFEST = 'manifest.json';
const FORMAT = 'portal-hub-backup/1';
const SQLITE_FILE = 'portal-hub.db';
const PG_FILE = 'database.pgdump';

export interface BackupSource {
  databaseUrl: string;
  dataDir: string;
  mediaDir: string;
  /** From the environment: never written, only fingerprinted. */
  secretFromEnv: string | null;
}

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof FORMAT;
  version: string;
  createdAt: string;
  database: 'sqlite' | 'postgresql';
  /** The audit trail's head in the copy: what a restore must find again. */
  auditHead: { seq: number; hash: string } | null;
  secret: { kept: 'file' | 'environment'; fingerprint: string };
  files: ManifestFile[];
}

/** Why a backup could not be written, from the error's code (never its wording, which changes with the OS and library). */
export type WriteFailure = 'full' | 'permission' | 'readOnly' | 'other';

/**
 * What became of the NAME.partial folder a failed backup was writing: none made, removed, or left
 * because removing it failed too (then `error` says why).
 */
export type PartialFate = { made: false } | { made: true; folder: string; removed: true } | { made: true; folder: string; removed: false; error: string };

export type BackupFailure =
  | { ok: false; reason: 'exists' | 'noSecret' | 'noPgDump' | 'pgDumpFailed' | 'pgUnreachable' | 'copyDamaged'; detail: string; partial: PartialFate }
  /** Writing into the target failed part-way (a full disk, no permission…): `detail` is the error's own text. */
  | { ok: false; reason: 'writeFailed'; why: WriteFailure; detail: string; partial: PartialFate };

export type BackupOutcome = { ok: true; folder: string; manifest: Manifest } | BackupFailure;

const CODES: Record<string, WriteFailure> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EFBIG: 'full',
  SQLITE_FULL: 'full',
  EACCES: 'permission',
  EPERM: 'permission',
  EROFS: 'readOnly',
  SQLITE_READONLY: 'readOnly',
};

/** Sorts a write error by its code: Node's (ENOSPC…) or SQLite's (SQLITE_FULL, and its extended forms SQLITE_READONLY_…). */
export function whyWriteFailed(error: unknown): WriteFailure {
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
  return CODES[code] ?? CODES[code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1')] ?? 'other';
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Names a secret without giving it away: a restore compares it with HUB_SECRET. */
export function secretFingerprint(secret: string): string {
  return createHash('sha256').update(`portal-hub backup fingerprint\0${secret}`).digest('hex').slice(0, 16);
}

async function fileHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A non-empty file, or a folder with one somewhere in it (an empty database file a command made holds nothing). */
function holdsSomething(path: string): boolean {
  const st = statSync(path);
  return st.isDirectory() ? readdirSync(path).some((name) => holdsSomething(join(path, name))) : st.size > 0;
}

/** A file's name in the manifest: from the backup folder, with forward slashes. */
const inBackup = (folder: string, path: string) => relative(folder, path).split(sep).join('/');

async function described(folder: string, path: string): Promise<ManifestFile> {
  return { path: inBackup(folder, path), bytes: statSync(path).size, sha256: await fileHash(path) };
}

/** The connection as libpq's environment: a password never appears on a command line others can read. */
function pgEnvironment(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  return {
    ...process.env,
    PGHOST: decodeURIComponent(u.hostname),
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)),
  };
}

/** The audit head and the snapshot pg_dump copies: read in one transaction, so the manifest names the head in the dump. */
interface PgSnapshot {
  snapshot: string;
  auditHead: Manifest['auditHead'];
  close: () => Promise<void>;
}

async function openPgSnapshot(url: string): Promise<PgSnapshot | string> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const snapshot = (await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot')).rows[0]!.snapshot;
    const head = (await client.query<{ seq: number; hash: string }>('SELECT "seq", "hash" FROM "AuditHead" WHERE "id" = 1')).rows[0];
    return {
      snapshot,
      auditHead: head ? { seq: Number(head.seq), hash: head.hash } : null,
      close: async () => {
        await client.query('COMMIT').catch(() => undefined);
        await client.end();
      },
    };
  } catch (error) {
    await client.end().catch(() => undefined);
    return errorText(error);
  }
}

/**
 * Writes a backup into `finalFolder` (made here, owner-only); the service may keep running meanwhile.
 * It is written as NAME.partial and renamed when whole; when anything fails on the way, that folder
 * (and only that one: never a folder it did not make) is removed again.
 */
export async function writeBackup(source: BackupSource, finalFolder: string, version: string, now: Date): Promise<BackupOutcome> {
  const none: PartialFate = { made: false };
  if (existsSync(finalFolder)) return { ok: false, reason: 'exists', detail: finalFolder, partial: none };
  const folder = `${finalFolder}.partial`;
  if (existsSync(folder)) return { ok: false, reason: 'exists', detail: folder, partial: none };
  const secretFile = join(source.dataDir, 'hub-secret');
  const secret = source.secretFromEnv ?? (existsSync(secretFile) ? readFileSync(secretFile, 'utf8').trim() : null);
  if (!secret) return { ok: false, reason: 'noSecret', detail: secretFile, partial: none };

  // The source is opened before anything is written: a database that cannot be read is not the target's fault.
  const database = providerOf(source.databaseUrl);
  const pgSnapshot = database === 'postgresql' ? await openPgSnapshot(source.databaseUrl) : null;
  if (typeof pgSnapshot === 'string') return { ok: false, reason: 'pgUnreachable', detail: pgSnapshot, partial: none };
  try {
    try {
      mkdirSync(dirname(folder), { recursive: true, mode: 0o700 });
      // Not recursive: a folder of that name made meanwhile by someone else is theirs, never ours to remove.
      mkdirSync(folder, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { ok: false, reason: 'exists', detail: folder, partial: none };
      return { ok: false, reason: 'writeFailed', why: whyWriteFailed(error), detail: errorText(error), partial: none };
    }
    let outcome: BackupOutcome;
    try {
      outcome = await fillBackup(source, { folder, finalFolder, secret, secretFile, version, now, pgSnapshot });
    } catch (error) {
      outcome = { ok: false, reason: 'writeFailed', why: whyWriteFailed(error), detail: errorText(error), partial: none };
    }
    if (outcome.ok) return outcome;
    let partial: PartialFate;
    try {
      rmSync(folder, { recursive: true, force: true });
      partial = { made: true, folder, removed: true };
    } catch (error) {
      partial = { made: true, folder, removed: false, error: errorText(error) };
    }
    return { ...outcome, partial };
  } finally {
    if (pgSnapshot) await pgSnapshot.close();
  }
}

interface Filling {
  folder: string;
  finalFolder: string;
  secret: string;
  secretFile: string;
  version: string;
  now: Date;
  pgSnapshot: PgSnapshot | null;
}

async function fillBackup(source: BackupSource, f: Filling): Promise<BackupOutcome> {
  const { folder, secretFile } = f;
  const none: PartialFate = { made: false };
  chmodSync(folder, 0o700);
  let auditHead: Manifest['auditHead'] = null;
  if (!f.pgSnapshot) {
    const target = join(folder, SQLITE_FILE);
    ensurePrivateSqliteFile(target);
    const live = new Database(sqlitePath(source.databaseUrl), { readonly: true, fileMustExist: true });
    try {
      // SQLite's online backup: a consistent copy while the service goes on writing.
      await live.backup(target);
    } finally {
      live.close();
    }
    const copy = new Database(target, { fileMustExist: true });
    try {
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') return { ok: false, reason: 'copyDamaged', detail: String(check), partial: none };
      copy.pragma('journal_mode = DELETE');
      auditHead = (copy.prepare('SELECT seq, hash FROM AuditHead WHERE id = 1').get() as { seq: number; hash: string } | undefined) ?? null;
    } finally {
      copy.close();
    }
  } else {
    // The dump is taken in the snapshot the head was read in: the head named is the one in the dump.
    const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--snapshot=${f.pgSnapshot.snapshot}`, `--file=${join(folder, PG_FILE)}`], {
      env: pgEnvironment(source.databaseUrl),
      encoding: 'utf8',
    });
    if (dump.error) return { ok: false, reason: 'noPgDump', detail: dump.error.message, partial: none };
    if (dump.status !== 0) return { ok: false, reason: 'pgDumpFailed', detail: dump.stderr.trim().split('\n').slice(-3).join(' '), partial: none };
    chmodSync(join(folder, PG_FILE), 0o600);
    auditHead = f.pgSnapshot.auditHead;
  }

  if (!source.secretFromEnv) {
    copyFileSync(secretFile, join(folder, 'hub-secret'));
    chmodSync(join(folder, 'hub-secret'), 0o600);
  }
  const checkpoints = join(source.dataDir, 'audit-checkpoints');
  if (existsSync(checkpoints)) copyFileSync(checkpoints, join(folder, 'audit-checkpoints'));
  for (const file of filesUnder(source.mediaDir)) {
    const target = join(folder, 'media', relative(source.mediaDir, file));
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    copyFileSync(file, target);
  }

  const files: ManifestFile[] = [];
  for (const file of filesUnder(folder)) files.push(await described(folder, file));
  const manifest: Manifest = {
    format: FORMAT,
    version: f.version,
    createdAt: f.now.toISOString(),
    database: f.pgSnapshot ? 'postgresql' : 'sqlite',
    auditHead,
    secret: { kept: source.secretFromEnv ? 'environment' : 'file', fingerprint: secretFingerprint(f.secret) },
    files,
  };
  writeFileSync(join(folder, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`, { mode: 0o600 });
  renameSync(folder, f.finalFolder);
  return { ok: true, folder: f.finalFolder, manifest };
}

export type RestoreOutcome =
  | { ok: true; manifest: Manifest; restored: number }
  | { ok: false; reason: 'notBackup' | 'damaged' | 'unsafePath' | 'occupied' | 'secretMismatch' | 'secretNeeded' | 'postgres'; detail: string };

/** The only files a backup writes at its top; everything else is under media/. */
const TOP_FILES: readonly string[] = [SQLITE_FILE, PG_FILE, 'hub-secret', 'audit-checkpoints'];

/**
 * Whether a manifest's name is one a backup writes: a known top file, or media/ then plain names. A
 * name with `..`, an absolute path, a backslash or an empty part would read or write outside the
 * folders (a backup copied from elsewhere, restored with sudo, must not place a file anywhere else).
 */
function safeBackupPath(path: unknown): path is string {
  if (typeof path !== 'string') return false;
  if (TOP_FILES.includes(path)) return true;
  const parts = path.split('/');
  return parts.length >= 2 && parts[0] === 'media' && parts.slice(1).every((part) => part !== '' && part !== '.' && part !== '..' && !part.includes('\\') && !part.includes('\0'));
}

function readManifest(folder: string): Manifest | null {
  try {
    const parsed = JSON.parse(readFileSync(join(folder, MANIFEST), 'utf8')) as Partial<Manifest>;
    return parsed.format === FORMAT && Array.isArray(parsed.files) ? (parsed as Manifest) : null;
  } catch {
    return null;
  }
}

/**
 * Puts a backup back into an empty data folder: every file is checked against the manifest first, and
 * nothing is written when one differs, when the folder already holds a database or a secret, or when
 * the secret needed (HUB_SECRET) is missing or another one.
 */
export async function restoreBackup(folder: string, target: BackupSource): Promise<RestoreOutcome> {
  const manifest = readManifest(folder);
  if (!manifest) return { ok: false, reason: 'notBackup', detail: join(folder, MANIFEST) };
  const unsafe = manifest.files.find((file) => !safeBackupPath(file.path));
  if (unsafe) return { ok: false, reason: 'unsafePath', detail: JSON.stringify(String(unsafe.path)).slice(0, 200) };
  for (const file of manifest.files) {
    const path = join(folder, file.path);
    // A link in a backup folder would copy whatever it points at: portal-hub writes none.
    if (!existsSync(path) || lstatSync(path).isSymbolicLink() || statSync(path).size !== file.bytes || (await fileHash(path)) !== file.sha256) return { ok: false, reason: 'damaged', detail: file.path };
  }
  const extra = filesUnder(folder).map((f) => inBackup(folder, f)).filter((f) => f !== MANIFEST && !manifest.files.some((m) => m.path === f));
  if (extra.length > 0) return { ok: false, reason: 'damaged', detail: extra[0]! };
  if (manifest.database === 'postgresql' || providerOf(target.databaseUrl) !== 'sqlite') return { ok: false, reason: 'postgres', detail: join(folder, PG_FILE) };

  const databaseFile = sqlitePath(target.databaseUrl);
  // Only into an empty (or missing) folder: restored files mixed with others' (stale media, say) are no restore.
  for (const dir of [target.dataDir, target.mediaDir]) {
    const first = existsSync(dir) ? readdirSync(dir).find((name) => holdsSomething(join(dir, name))) : undefined;
    if (first !== undefined) return { ok: false, reason: 'occupied', detail: join(dir, first) };
  }
  for (const occupied of [databaseFile, `${databaseFile}-wal`, join(target.dataDir, 'hub-secret'), join(target.dataDir, 'audit-checkpoints')]) {
    if (existsSync(occupied) && statSync(occupied).size > 0) return { ok: false, reason: 'occupied', detail: occupied };
  }
  if (manifest.secret.kept === 'environment') {
    if (!target.secretFromEnv) return { ok: false, reason: 'secretNeeded', detail: manifest.secret.fingerprint };
    if (secretFingerprint(target.secretFromEnv) !== manifest.secret.fingerprint) return { ok: false, reason: 'secretMismatch', detail: manifest.secret.fingerprint };
  } else if (target.secretFromEnv && secretFingerprint(target.secretFromEnv) !== manifest.secret.fingerprint) {
    return { ok: false, reason: 'secretMismatch', detail: manifest.secret.fingerprint };
  }

  mkdirSync(target.dataDir, { recursive: true, mode: 0o700 });
  let restored = 0;
  const placeOf = (path: string) => (path === SQLITE_FILE ? databaseFile : path.startsWith('media/') ? join(target.mediaDir, path.slice('media/'.length)) : join(target.dataDir, path));
  for (const file of manifest.files) {
    // The secret set in the environment is the one in force (its fingerprint matched): no file beside it.
    if (file.path === 'hub-secret' && target.secretFromEnv) continue;
    const to = placeOf(file.path);
    mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
    if (file.path === SQLITE_FILE) ensurePrivateSqliteFile(to);
    copyFileSync(join(folder, file.path), to);
    if (!file.path.startsWith('media/')) chmodSync(to, 0o600);
    restored += 1;
  }
  return { ok: true, manifest, restored };
}
