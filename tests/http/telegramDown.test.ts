import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../fakes/telegramApi.js';
import { runCli } from '../helpers/cli.js';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { freePort, operatorHealth, startService, type Running } from '../helpers/service.js';

const TOKEN = '7000001:TEST-token_for-the-fake';

/**
 * Telegram's address as the service sees it, on one port: first nothing listens (connection
 * refused), then a stand-in that takes connections and never answers (a hung network), then a
 * pass-through to the Bot API stand-in (Telegram is back).
 */
async function outage(port: number, upstream: () => string) {
  let server: Server | null = null;
  let mode: 'garbage' | 'hang' | 'forward' = 'hang';
  const sockets = new Set<Socket>();
  const listen = async (next: typeof mode) => {
    mode = next;
    if (server) return;
    server = createServer((client) => {
      sockets.add(client);
      client.on('error', () => client.destroy());
      // A proxy in front of Telegram answering with its own error page: the client's error then quotes the request URL, token and all.
      if (mode === 'garbage') return void client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: 13\r\nConnection: close\r\n\r\n<html></html>');
      if (mode === 'hang') return;
      const target = new URL(upstream());
      const onward = connect(Number(target.port), target.hostname);
      sockets.add(onward);
      client.pipe(onward).pipe(client);
      const drop = () => (client.destroy(), onward.destroy());
      client.on('close', drop);
      onward.on('error', drop).on('close', drop);
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
  };
  return {
    garbage: () => listen('garbage'),
    hang: () => listen('hang'),
    comeBack() {
      mode = 'forward';
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    },
  };
}

async function waitUntil<T>(what: string, probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs: number, output: () => string): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve().then(probe).catch(() => null);
    if (value) return value;
    if (Date.now() > until) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s; service output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the service while Telegram is unreachable', () => {
  let db: TestDatabase;
  let cwd: string;
  let fake: FakeTelegram;
  let service: Running;
  let telegram: Awaited<ReturnType<typeof outage>>;
  let telegramPort: number;

  beforeAll(async () => {
    db = await freshSqlite();
    cwd = mkdtempSync(join(tmpdir(), 'portal-hub-telegram-down-'));
    // The CLI run where the service runs: it finds (here, makes) the same key in ./data.
    expect((await runCli(['init', '--site-key', 'tinh', '--name-vi', 'Cổng tỉnh', '--name-en', 'Province', '--prefix', 'BP', '--admin-name', 'Quản Trị'], { DATABASE_URL: db.url, DATA_DIR: join(cwd, 'data') })).code).toBe(0);
    fake = new FakeTelegram({ token: TOKEN });
    await fake.listen();
    telegramPort = await freePort();
    telegram = await outage(telegramPort, () => fake.root);
  });

  afterAll(async () => {
    service?.child.kill('SIGTERM');
    await service?.exited;
    await telegram.close();
    await fake.close();
    await db.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('serves /healthz and the portal at once, says the desk is retrying and why (refused, then hung), then goes on when Telegram is back', async () => {
    const port = await freePort();
    service = startService(cwd, port, { DATABASE_URL: db.url, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${telegramPort}`, LOG_FORMAT: 'json' });
    // The acceptance's 5 s, counted from the first moment the service can answer at all.
    const health = await waitUntil('the port opening', () => fetch(`http://127.0.0.1:${port}/healthz`), 30_000, service.output);
    expect(health.status).toBe(200);
    const logLines = () => service.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const retrying = await waitUntil('a log line saying the desk retries', () => logLines().find((l) => /Telegram unreachable/.test(String(l.msg))), 15_000, service.output);
    expect(retrying).toMatchObject({ desk: 'telegram', reason: 'ECONNREFUSED' });
    expect(String(retrying.msg)).toMatch(/retries in \d+ s/);
    const body = (await (await operatorHealth(port, { dataDir: join(cwd, 'data') })).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', database: 'ok', desks: { telegram: { state: 'retrying', reason: 'ECONNREFUSED' } } });
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);

    // Then a proxy answers with an error page: the desk still retries, and names no URL (it holds the token).
    await telegram.garbage();
    await waitUntil('a retry after an error page', () => logLines().find((l) => /Telegram unreachable/.test(String(l.msg)) && l.reason !== 'ECONNREFUSED'), 30_000, service.output);

    // Then the network hangs: an attempt gives up after its 10 s and says so.
    await telegram.hang();
    const hung = await waitUntil('a log line saying Telegram does not answer', () => logLines().find((l) => l.reason === 'no answer within 10 s'), 60_000, service.output);
    expect(hung).toMatchObject({ desk: 'telegram', msg: expect.stringMatching(/Telegram unreachable \(no answer within 10 s\); the desk retries in \d+ s/) });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    telegram.comeBack();
    await waitUntil('the desk coming on', () => /Telegram desk on/.test(service.output()), 60_000, service.output);
    expect(((await (await operatorHealth(port, { dataDir: join(cwd, 'data') })).json()) as Record<string, unknown>).desks).toEqual({ telegram: { state: 'on' } });
    // An update is processed: a private message gets the help text.
    const chat = 5_300_000_777;
    fake.push({ message: { message_id: fake.newMessageId(), from: { id: chat, is_bot: false, first_name: 'Lan' }, chat: { id: chat, type: 'private', first_name: 'Lan' }, date: Math.floor(Date.now() / 1000), text: 'xin chào' } });
    await waitUntil('an answer in the private chat', () => fake.sent('sendMessage', chat).length > 0, 30_000, service.output);
    // The token is never logged, nor shown by /healthz, whatever Telegram answered.
    expect(service.output()).not.toContain(TOKEN);
    expect(service.output()).not.toContain(TOKEN.split(':')[1]!);
  }, 240_000);
});
