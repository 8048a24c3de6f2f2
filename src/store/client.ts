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

type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3['connect']>>;
const NO_ARGS = { args: [], argTypes: [] };

/**
 * Transactions on SQLite begin IMMEDIATE. The adapter's plain BEGIN is deferred: a transaction
 * that reads first holds a snapshot, and when another process commits before its first write,
 * SQLite answers SQLITE_BUSY_SNAPSHOT at once, with no wait (busy_timeout cannot help: the
 * snapshot is stale). Taking the write lock at BEGIN makes a second writer wait its turn (up to
 * `timeout`) instead. The adapter offers no option for it, so its empty deferred transaction is
 * committed and an immediate one begun in its place, still under the adapter's own lock.
 */
function immediateTransactions(factory: PrismaBetterSQLite3) {
  return {
    provider: 'sqlite' as const,
    adapterName: factory.adapterName,
    async connect(): Promise<SqliteAdapter> {
      const adapter = await factory.connect();
      const begin = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (isolationLevel) => {
        const tx = await begin(isolationLevel);
        try {
          await tx.executeRaw({ sql: 'COMMIT', ...NO_ARGS });
          await tx.executeRaw({ sql: 'BEGIN IMMEDIATE', ...NO_ARGS });
          return tx;
        } catch (error) {
          // No transaction is open now; this only releases the adapter's lock.
          await tx.rollback();
          throw error;
        }
      };
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}

export function openClient(url: string): Db {
  if (providerOf(url) === 'sqlite') {
    const adapter = immediateTransactions(new PrismaBetterSQLite3({ url: sqlitePath(url), timeout: 10_000 }));
    return new SqliteClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
  }
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  // The two clients differ only in the isolation levels $transaction accepts; we pass none.
  return new PostgresClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }) as unknown as Db;
}
