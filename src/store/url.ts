import { isAbsolute, resolve } from 'node:path';

export type Provider = 'sqlite' | 'postgresql';

export function providerOf(url: string): Provider {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  throw new Error(`unsupported database URL scheme: ${url.split(':')[0]}`);
}

/** `file:./data/x.db` → absolute path (relative to the working directory, as SQLite URLs usually are). */
export function sqlitePath(url: string): string {
  const path = url.slice('file:'.length).split('?')[0] ?? '';
  if (path === ':memory:') return path;
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}

/** A URL safe to print: the password is replaced. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@').replace(/([?&](?:password|sslpassword)=)[^&#]*/gi, '$1***');
}
