import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresClient } from './generated/postgresql/client.js';
import { PrismaClient as SqliteClient, type Prisma } from './generated/sqlite/client.js';
import { providerOf, sqlitePath } from './url.js';

/**
 * Both generated clients expose the same model API (the schema is one source); the store is
 * written against the SQLite client's types and given whichever client the URL asks for.
 */
export type Db = SqliteClient;
export type Tx = Prisma.TransactionClient;

/** Long enough for a queue of writers on one SQLite file or a burst of PostgreSQL lock waits. */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

export function openClient(url: string): Db {
  if (providerOf(url) === 'sqlite') {
    const adapter = new PrismaBetterSQLite3({ url: sqlitePath(url), timeout: 10_000 });
    return new SqliteClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
  }
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  // The two clients differ only in the isolation levels $transaction accepts; we pass none.
  return new PostgresClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }) as unknown as Db;
}
