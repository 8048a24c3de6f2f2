import { z } from 'zod';

/** The one reader of the environment. Every problem is reported at once, then the process stops. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z.object({
  PORT: z.coerce.number({ error: 'must be a port number (0–65535)' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default('file:./data/portal-hub.db')
    .refine((v) => v.startsWith('file:') || /^postgres(ql)?:\/\/.+/.test(v), 'must be file:PATH (SQLite) or postgres://… (PostgreSQL)'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  HUB_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -hex 32)').optional(),
  TIMEZONE: z
    .string()
    .default('Asia/Ho_Chi_Minh')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'is not a known IANA time zone'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  logFormat: 'json' | 'pretty';
  /** Null until bootstrap reads or creates data/hub-secret. Never logged. */
  hubSecret: string | null;
  timeZone: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

export function loadConfig(env: NodeJS.ProcessEnv = process.env, interactive = Boolean(process.stdout.isTTY)): ConfigResult {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`) };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      databaseUrl: e.DATABASE_URL,
      dataDir: e.DATA_DIR,
      logLevel: e.LOG_LEVEL,
      logFormat: e.LOG_FORMAT ?? (interactive ? 'pretty' : 'json'),
      hubSecret: e.HUB_SECRET ?? null,
      timeZone: e.TIMEZONE,
    },
  };
}

/** For entry points: the config, or every problem printed and exit code 2. */
export function configOrExit(): Config {
  const result = loadConfig();
  if (result.ok) return result.config;
  console.error('portal-hub: cấu hình không hợp lệ / invalid configuration:');
  for (const p of result.problems) console.error(`  - ${p}`);
  process.exit(2);
}
