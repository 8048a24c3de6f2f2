import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresClient } from './generated/postgresql/client.js';
import { PrismaClient as SqliteClient, type Prisma } from './generated/sqlite/client.js';
import { providerOf, sqlitePath } from './url.js';
import { ensurePrivateSqliteFile } from './fileModes.js';

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

/** A lock held from a transaction's BEGIN to its end, or for one plain statement. */
function connectionLock(): () => Promise<() => void> {
  let tail: Promise<void> = Promise.resolve();
  return async () => {
    let release!: () => void;
    const ended = new Promise<void>((resolve) => (release = resolve));
    const before = tail;
    tail = before.then(() => ended);
    await before;
    return release;
  };
}

/**
 * The SQLite adapter as this service needs it; two things differ from Prisma's.
 *
 * A process has one connection, and the adapter runs a plain statement on it at once, even while an
 * interactive transaction is open there (its lock guards only transactions against each other): the
 * statement then becomes part of that transaction, sees its uncommitted rows, and vanishes when it
 * rolls back or the process dies before the commit, after its caller was told it was saved. Plain
 * statements therefore wait here until no transaction is open, and transactions for plain statements.
 *
 * Transactions begin IMMEDIATE. The adapter's plain BEGIN is deferred: a transaction that reads
 * first holds a snapshot, and when another process commits before its first write, SQLite answers
 * SQLITE_BUSY_SNAPSHOT at once, with no wait (busy_timeout cannot help: the snapshot is stale).
 * Taking the write lock at BEGIN makes a second writer wait its turn (up to `timeout`) instead. The
 * adapter offers no option for it, so its empty deferred transaction is committed and an immediate
 * one begun in its place, still under the adapter's own lock.
 */
function sqliteAdapter(factory: PrismaBetterSQLite3, observe: QueryObserver | null) {
  return {
    provider: 'sqlite' as const,
    adapterName: factory.adapterName,
    async connect(): Promise<SqliteAdapter> {
      const adapter = await factory.connect();
      // better-sqlite3 is built with a 16 MB page cache per connection; at a million items it fills and
      // stays, for little gain over 8 MB (the lists walk indexes, a page reads a few dozen pages).
      await adapter.executeScript('PRAGMA cache_size = -8000');
      if (observe) watch(adapter, observe);
      const lock = connectionLock();
      const alone = <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
        async (...args: A): Promise<R> => {
          const release = await lock();
          try {
            return await run(...args);
          } finally {
            release();
          }
        };
      adapter.queryRaw = alone(adapter.queryRaw.bind(adapter));
      adapter.executeRaw = alone(adapter.executeRaw.bind(adapter));
      adapter.executeScript = alone(adapter.executeScript.bind(adapter));
      const begin = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (isolationLevel) => {
        const release = await lock();
        let tx: Awaited<ReturnType<typeof begin>>;
        try {
          tx = await begin(isolationLevel);
        } catch (error) {
          release();
          throw error;
        }
        try {
          await tx.executeRaw({ sql: 'COMMIT', ...NO_ARGS });
          await tx.executeRaw({ sql: 'BEGIN IMMEDIATE', ...NO_ARGS });
        } catch (error) {
          // No transaction is open now; this only releases the adapter's lock.
          await tx.rollback();
          release();
          throw error;
        }
        const commit = tx.commit.bind(tx);
        const rollback = tx.rollback.bind(tx);
        tx.commit = async () => {
          try {
            await commit();
          } finally {
            release();
          }
        };
        tx.rollback = async () => {
          try {
            await rollback();
          } finally {
            release();
          }
        };
        return tx;
      };
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}

/** Told the text of every statement sent to the database (tests count queries with it); null in service. */
export type QueryObserver = (sql: string) => void;

interface Queryable {
  queryRaw(query: { sql: string }): Promise<unknown>;
  executeRaw(query: { sql: string }): Promise<unknown>;
}
interface Connection extends Queryable {
  startTransaction(isolationLevel?: never): Promise<Queryable>;
}

/** Wraps the driver connection (and each transaction it opens) so every statement is told to `observe`. */
function watch<C extends Connection>(connection: C, observe: QueryObserver): C {
  const told = <Q extends Queryable>(q: Q): Q => {
    const query = q.queryRaw.bind(q);
    const execute = q.executeRaw.bind(q);
    q.queryRaw = (sql) => (observe(sql.sql), query(sql));
    q.executeRaw = (sql) => (observe(sql.sql), execute(sql));
    return q;
  };
  told(connection);
  const begin = connection.startTransaction.bind(connection);
  connection.startTransaction = async (isolationLevel) => told(await begin(isolationLevel));
  return connection;
}

/** What @prisma/adapter-pg calls itself (its `adapterName`), known before the package is loaded. */
const PG_ADAPTER_NAME = '@prisma/adapter-pg';

export function openClient(url: string, observe: QueryObserver | null = null): Db {
  if (providerOf(url) === 'sqlite') {
    ensurePrivateSqliteFile(sqlitePath(url));
    const adapter = sqliteAdapter(new PrismaBetterSQLite3({ url: sqlitePath(url), timeout: 10_000 }), observe);
    return new SqliteClient({ adapter, transactionOptions: TRANSACTION_OPTIONS });
  }
  // The pool's default closes a connection idle for 10 s, and the next search then meets a fresh server
  // process, which first maps every shared-buffer page it touches: the bench's 100 queries at 1M items,
  // p99 150-190 ms on fresh processes against 70 ms on ones that had searched. Kept five minutes; an idle
  // connection never holds a command-line run open (allowExitOnIdle).
  // The driver is loaded when the client first connects: a process on SQLite never holds it (its idle memory).
  let made: Promise<PrismaPg> | null = null;
  const factory = () =>
    (made ??= import('@prisma/adapter-pg').then(({ PrismaPg }) => new PrismaPg({ connectionString: url, max: 10, idleTimeoutMillis: 300_000, allowExitOnIdle: true })));
  const adapter = {
    provider: 'postgres' as const,
    adapterName: PG_ADAPTER_NAME,
    connect: async () => {
      const connection = await (await factory()).connect();
      return observe ? watch(connection, observe) : connection;
    },
    connectToShadowDb: async () => (await factory()).connectToShadowDb(),
  };
  // The two clients differ only in the isolation levels $transaction accepts; we pass none.
  return new PostgresClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }) as unknown as Db;
}
