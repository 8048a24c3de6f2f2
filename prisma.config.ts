// Lets the Prisma CLI run its WASM schema engine (no native binary download): used by
// scripts/prisma.ts to produce migration SQL for both providers without a database.
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  adapter: async () => new PrismaBetterSQLite3({ url: ':memory:' }),
});
