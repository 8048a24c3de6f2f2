import Database from 'better-sqlite3';
import pg from 'pg';
import { sqlitePath } from '../../src/store/url.js';

/**
 * What a database holds, read from its own catalogue (SQLite pragmas, PostgreSQL pg_catalog), so
 * the upgrade and drift tests cover every table, including tables added after they were written.
 */
export interface Column {
  name: string;
  /** As the database declares it: TEXT, INTEGER, DATETIME, timestamp without time zone… */
  type: string;
  kind: 'text' | 'int' | 'real' | 'bool' | 'datetime' | 'bytes';
  notNull: boolean;
  default: string | null;
}

export interface ForeignKey {
  columns: string[];
  table: string;
  references: string[];
  onDelete: string;
  onUpdate: string;
}

export interface Index {
  name: string;
  unique: boolean;
  columns: string[];
}

export interface Table {
  name: string;
  columns: Column[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  indexes: Index[];
}

export type Row = Record<string, unknown>;

/** One connection to either database, with the few operations the tests need. */
export interface Inspected {
  tables(): Promise<Table[]>;
  rows(table: Table, columns: string[]): Promise<Row[]>;
  insert(table: string, row: Row): Promise<void>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

const LEDGER = '_hub_migrations';
/** The search index (migration 20261201223000_publication_search): virtual tables, their shadow tables and a tsvector table Prisma cannot describe. */
const SEARCH_TABLES = ['PublicationSearch%', 'PublicationTitleSearch%'];
const notSearch = SEARCH_TABLES.map((p) => `AND name NOT LIKE '${p}'`).join(' ');

function kindOf(type: string): Column['kind'] {
  const t = type.toLowerCase();
  if (t.includes('bool')) return 'bool';
  if (t.includes('int')) return 'int';
  if (t.includes('date') || t.includes('time')) return 'datetime';
  if (t.includes('real') || t.includes('double') || t.includes('float') || t.includes('decimal') || t.includes('numeric')) return 'real';
  if (t.includes('blob') || t.includes('bytea')) return 'bytes';
  return 'text';
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function inspectSqlite(urlOrPath: string): Inspected {
  const db = new Database(urlOrPath.startsWith('file:') ? sqlitePath(urlOrPath) : urlOrPath);
  const all = <T>(sql: string): T[] => db.prepare(sql).all() as T[];
  return {
    async tables() {
      const names = all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '${LEDGER}' ${notSearch} ORDER BY name`);
      return names.map(({ name }) => {
        const info = all<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(`PRAGMA table_info(${q(name)})`);
        const fks = all<{ id: number; seq: number; table: string; from: string; to: string; on_update: string; on_delete: string }>(`PRAGMA foreign_key_list(${q(name)})`);
        const byId = new Map<number, ForeignKey>();
        for (const f of [...fks].sort((a, b) => a.id - b.id || a.seq - b.seq)) {
          const fk = byId.get(f.id) ?? { columns: [], table: f.table, references: [], onDelete: f.on_delete, onUpdate: f.on_update };
          fk.columns.push(f.from);
          fk.references.push(f.to);
          byId.set(f.id, fk);
        }
        const indexes = all<{ name: string; unique: number; origin: string }>(`PRAGMA index_list(${q(name)})`)
          .filter((i) => i.origin !== 'pk')
          .map((i) => ({ name: i.name, unique: i.unique === 1, columns: all<{ seqno: number; name: string }>(`PRAGMA index_info(${q(i.name)})`).sort((a, b) => a.seqno - b.seqno).map((c) => c.name) }));
        return {
          name,
          columns: info.map((c) => ({ name: c.name, type: c.type, kind: kindOf(c.type), notNull: c.notnull === 1 || c.pk > 0, default: c.dflt_value })),
          primaryKey: info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
          foreignKeys: [...byId.values()],
          indexes,
        };
      });
    },
    async rows(table, columns) {
      const order = (table.primaryKey.length ? table.primaryKey : ['rowid']).map(q).join(', ');
      return all<Row>(`SELECT ${columns.map(q).join(', ')} FROM ${q(table.name)} ORDER BY ${order}`);
    },
    async insert(table, row) {
      const names = Object.keys(row);
      // Stored as the Prisma SQLite adapter stores them: ISO text with +00:00, booleans as 0/1.
      const values = names.map((n) => {
        const v = row[n];
        if (v instanceof Date) return v.toISOString().replace('Z', '+00:00');
        if (typeof v === 'boolean') return v ? 1 : 0;
        return v;
      });
      db.prepare(`INSERT INTO ${q(table)} (${names.map(q).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...values);
    },
    async exec(sql) {
      db.exec(sql);
    },
    async close() {
      db.close();
    },
  };
}

const ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

export async function inspectPostgres(url: string): Promise<Inspected> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const all = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await client.query<T>(sql, params)).rows;
  const attnames = (rel: string, keys: string) =>
    `array(SELECT a.attname FROM unnest(${keys}) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.attnum ORDER BY k.ord)::text[]`;
  return {
    async tables() {
      const names = await all<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '${LEDGER}' ${notSearch.replace(/name/g, 'table_name')} ORDER BY 1`);
      const columns = await all<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>(
        `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
      );
      const indexes = await all<{ table: string; name: string; unique: boolean; primary: boolean; columns: string[] }>(
        `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary, ${attnames('t.oid', 'ix.indkey')} AS columns
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = 'public'`,
      );
      const fks = await all<{ table: string; references: string; del: string; upd: string; columns: string[]; refcolumns: string[] }>(
        `SELECT t.relname AS table, f.relname AS references, c.confdeltype AS del, c.confupdtype AS upd, ${attnames('c.conrelid', 'c.conkey')} AS columns, ${attnames('c.confrelid', 'c.confkey')} AS refcolumns
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE c.contype = 'f' AND n.nspname = 'public'`,
      );
      return names.map(({ name }) => ({
        name,
        columns: columns
          .filter((c) => c.table_name === name)
          .map((c) => ({ name: c.column_name, type: c.data_type, kind: kindOf(c.data_type), notNull: c.is_nullable === 'NO', default: c.column_default })),
        primaryKey: indexes.find((i) => i.table === name && i.primary)?.columns ?? [],
        foreignKeys: fks
          .filter((f) => f.table === name)
          .map((f) => ({ columns: f.columns, table: f.references, references: f.refcolumns, onDelete: ACTIONS[f.del] ?? f.del, onUpdate: ACTIONS[f.upd] ?? f.upd })),
        indexes: indexes.filter((i) => i.table === name && !i.primary).map((i) => ({ name: i.name, unique: i.unique, columns: i.columns })),
      }));
    },
    async rows(table, columns) {
      const order = (table.primaryKey.length ? table.primaryKey : columns).map(q).join(', ');
      return all<Row>(`SELECT ${columns.map(q).join(', ')} FROM ${q(table.name)} ORDER BY ${order}`);
    },
    async insert(table, row) {
      const names = Object.keys(row);
      await client.query(`INSERT INTO ${q(table)} (${names.map(q).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, names.map((n) => row[n]));
    },
    async exec(sql) {
      await client.query(sql);
    },
    async close() {
      await client.end();
    },
  };
}

/** Provider-neutral: what both databases must agree on (names, nullability, keys, indexes, foreign keys). */
export function neutralShape(tables: Table[]) {
  return Object.fromEntries(
    tables.map((t) => [
      t.name,
      {
        columns: t.columns.map((c) => `${c.name}${c.notNull ? ' NOT NULL' : ''}`).sort(),
        primaryKey: t.primaryKey,
        indexes: t.indexes.map((i) => `${i.unique ? 'UNIQUE ' : ''}${i.name}(${i.columns.join(', ')})`).sort(),
        foreignKeys: t.foreignKeys.map((f) => `(${f.columns.join(', ')}) → ${f.table}(${f.references.join(', ')}) ON DELETE ${f.onDelete} ON UPDATE ${f.onUpdate}`).sort(),
      },
    ]),
  );
}

/** Same provider: the column types and defaults must match too. */
export function fullShape(tables: Table[]) {
  const neutral = neutralShape(tables);
  return Object.fromEntries(
    tables.map((t) => [t.name, { ...neutral[t.name], types: t.columns.map((c) => `${c.name} ${c.type} DEFAULT ${c.default ?? '-'}`).sort() }]),
  );
}
