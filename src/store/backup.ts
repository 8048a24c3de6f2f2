import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import Database from 'better-sqlite3';
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

export type BackupOutcome =
  | { ok: true; folder: string; manifest: Manifest }
  | { ok: false; reason: 'exists' | 'noSecret' | 'noPgDump' | 'pgDumpFailed' | 'copyDamaged'; detail: string };

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

/** Writes a backup into `folder` (made here, owner-only); the service may keep running meanwhile. */
export async function writeBackup(source: BackupSource, finalFolder: string, version: string, now: Date): Promise<BackupOutcome> {
  if (existsSync(finalFolder)) return { ok: false, reason: 'exists', detail: finalFolder };
  // Written under another name and renamed when whole: a copy cut short (Ctrl-C, a kill, a full disk)
  // is left as NAME.partial, never under a name that passes for a finished backup.
  const folder = `${finalFolder}.partial`;
  if (existsSync(folder)) return { ok: false, reason: 'exists', detail: folder };
  const secretFile = join(source.dataDir, 'hub-secret');
  const secret = source.secretFromEnv ?? (existsSync(secretFile) ? readFileSync(secretFile, 'utf8').trim() : null);
  if (!secret) return { ok: false, reason: 'noSecret', detail: secretFile };
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  chmodSync(folder, 0o700);

  const database = providerOf(source.databaseUrl);
  let auditHead: Manifest['auditHead'] = null;
  if (database === 'sqlite') {
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
      if (check !== 'ok') return { ok: false, reason: 'copyDamaged', detail: String(check) };
      copy.pragma('journal_mode = DELETE');
      auditHead = (copy.prepare('SELECT seq, hash FROM AuditHead WHERE id = 1').get() as { seq: number; hash: string } | undefined) ?? null;
    } finally {
      copy.close();
    }
  } else {
    const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${join(folder, PG_FILE)}`], { env: pgEnvironment(source.databaseUrl), encoding: 'utf8' });
    if (dump.error) return { ok: false, reason: 'noPgDump', detail: dump.error.message };
    if (dump.status !== 0) return { ok: false, reason: 'pgDumpFailed', detail: dump.stderr.trim().split('\n').slice(-3).join(' ') };
    chmodSync(join(folder, PG_FILE), 0o600);
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
    version,
    createdAt: now.toISOString(),
    database,
    auditHead,
    secret: { kept: source.secretFromEnv ? 'environment' : 'file', fingerprint: secretFingerprint(secret) },
    files,
  };
  writeFileSync(join(folder, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`, { mode: 0o600 });
  renameSync(folder, finalFolder);
  return { ok: true, folder: finalFolder, manifest };
}

export type RestoreOutcome =
  | { ok: true; manifest: Manifest; restored: number }
  | { ok: false; reason: 'notBackup' | 'damaged' | 'occupied' | 'secretMismatch' | 'secretNeeded' | 'postgres'; detail: string };

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
  for (const file of manifest.files) {
    const path = join(folder, file.path);
    if (!existsSync(path) || statSync(path).size !== file.bytes || (await fileHash(path)) !== file.sha256) return { ok: false, reason: 'damaged', detail: file.path };
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
