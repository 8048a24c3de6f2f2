import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Db } from '../../src/store/client.js';
import { PrismaClient as PostgresClient } from '../../src/store/generated/postgresql/client.js';
import { PrismaClient as SqliteClient } from '../../src/store/generated/sqlite/client.js';
import { providerOf, sqlitePath } from '../../src/store/url.js';

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3['connect']>>;
export type SqlQuery = Parameters<Adapter['queryRaw']>[0];

/**
 * A Prisma client whose driver adapter keeps every statement it is given, as sent to the database
 * (SQL, arguments and their types), and can ask the database's planner about one of them with the
 * same arguments: query-plan tests check the SQL the store really emits, not a transcription of it.
 */
export async function recordingClient(url: string) {
  const provider = providerOf(url);
  const factory = provider === 'sqlite' ? new PrismaBetterSQLite3({ url: sqlitePath(url) }) : new PrismaPg({ connectionString: url, max: 2 });
  const seen: SqlQuery[] = [];
  let direct: Adapter['queryRaw'] | null = null;
  // The factory's own connect, wrapped: the adapter it makes is the one Prisma uses.
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const a = await connect();
    const run = a.queryRaw.bind(a);
    a.queryRaw = async (q) => {
      seen.push(q);
      return run(q);
    };
    direct = run;
    return a;
  };
  // The two clients differ only in the isolation levels $transaction accepts (see src/store/client.ts).
  const db = factory instanceof PrismaBetterSQLite3 ? new SqliteClient({ adapter: factory }) : (new PostgresClient({ adapter: factory }) as unknown as Db);
  await db.$connect();
  const explainOn = async (q: SqlQuery): Promise<string[]> => {
    const plain = direct;
    if (!plain) throw new Error('not connected');
    if (provider === 'sqlite') {
      const r = await plain({ ...q, sql: `EXPLAIN QUERY PLAN ${q.sql}` });
      const detail = r.columnNames.indexOf('detail');
      return r.rows.map((row) => String(row[detail]));
    }
    const r = await plain({ ...q, sql: `EXPLAIN ${q.sql}` });
    return r.rows.map((row) => String(row[0]));
  };
  return {
    provider,
    db,
    /** Statements sent since the last `take`, and forgets them. */
    take: () => seen.splice(0, seen.length),
    /** The plan the database picks for a statement, one line per node (both databases' own words). */
    explain: explainOn,
    close: () => db.$disconnect(),
  };
}
