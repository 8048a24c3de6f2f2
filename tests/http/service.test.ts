import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { freePort, operatorHealth, startService as start, waitForHealth } from '../helpers/service.js';
import { freshPostgres, POSTGRES } from '../helpers/databases.js';

describe('the service on a fresh machine', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'portal-hub-start-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('first start: migrates, creates data/portal-hub.db and a private hub secret, serves /healthz and /readyz', async () => {
    const port = await freePort();
    const run = start(cwd, port);
    try {
      const health = await waitForHealth(port);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const body = (await (await operatorHealth(port, { dataDir: join(cwd, 'data') })).json()) as Record<string, unknown>;
      expect(body).toMatchObject({ status: 'ok', database: 'ok', version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version });
      expect(typeof body.uptimeSeconds).toBe('number');
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      expect(existsSync(join(cwd, 'data', 'portal-hub.db'))).toBe(true);
      expect(statSync(join(cwd, 'data', 'hub-secret')).mode & 0o777).toBe(0o600);
      const secret = readFileSync(join(cwd, 'data', 'hub-secret'), 'utf8').trim();
      expect(run.output()).toContain('"msg":"đã cập nhật lược đồ cơ sở dữ liệu / migrations applied"');
      expect(run.output()).not.toContain(secret);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('"msg":"đã dừng / stopped"');
  });

  it('a port another program holds: said in both languages, no stack trace, exit 1', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as AddressInfo).port;
    try {
      const run = start(cwd, port);
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`Không mở được cổng ${port} trên 127.0.0.1: một chương trình khác đang dùng cổng này`);
      expect(run.output()).toContain(`Cannot listen on port ${port} at 127.0.0.1: another program is using it`);
      expect(run.output()).not.toMatch(/\n\s+at /);
    } finally {
      holder.close();
    }
  });

  it('a HOST this machine does not have: said in both languages, no stack trace, exit 1', async () => {
    const run = start(cwd, await freePort(), { HOST: 'no-such-host.invalid' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/máy này không có địa chỉ đó[\s\S]*this machine has no such address/);
    expect(run.output()).not.toMatch(/\n\s+at /);
  });

  it('a PostgreSQL that does not answer: said in both languages with its code and the URL without its password, exit 1', async () => {
    const closed = await freePort();
    const run = start(cwd, await freePort(), { DATABASE_URL: `postgresql://portal:pa55word@127.0.0.1:${closed}/portal` });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`Không kết nối được cơ sở dữ liệu postgresql://portal:***@127.0.0.1:${closed}/portal (ECONNREFUSED)`);
    expect(run.output()).toContain('Cannot reach the database');
    expect(run.output()).not.toContain('pa55word');
    expect(run.output()).not.toMatch(/\n\s+at /);
  });

  it('says at start, in both languages, that its links would point at this machine and its clock is not Vietnam’s', async () => {
    const port = await freePort();
    const run = start(cwd, port, { TIMEZONE: 'UTC' });
    try {
      expect((await waitForHealth(port)).status).toBe(200);
      const out = run.output();
      expect(out).toContain(`PORTAL_BASE_URL chưa đặt: liên kết trong tin đăng Facebook/YouTube/Zalo, RSS, sơ đồ trang và chat đang trỏ tới http://localhost:${port}`);
      expect(out).toContain('PORTAL_BASE_URL is not set');
      expect(out).toContain('TIMEZONE=UTC (UTC+00:00) không phải giờ Việt Nam');
      expect(out).toContain('is not Vietnam’s time');
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
  });

  it('second start reuses the database and re-runs no migration', async () => {
    const port = await freePort();
    const run = start(cwd, port);
    try {
      expect((await waitForHealth(port)).status).toBe(200);
      expect(run.output()).toMatch(/"applied":\[\],"alreadyApplied":[1-9]/);
      expect(run.output()).toContain('database schema up to date');
      expect((await fetch(`http://127.0.0.1:${port}/nothing-here`)).status).toBe(404);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited).toBe(0);
  });

  it('a log read in a terminal (LOG_FORMAT=pretty) tells the province’s time, on a machine set to UTC', async () => {
    const port = await freePort();
    const run = start(cwd, port, { LOG_FORMAT: 'pretty', TZ: 'UTC', TIMEZONE: 'Asia/Ho_Chi_Minh' });
    try {
      expect((await waitForHealth(port)).status).toBe(200);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    const stamps = [...run.output().matchAll(/\[(\d{2}):(\d{2}):\d{2} (\d{2})\/(\d{2})\/(\d{4})\]/g)];
    expect(stamps.length).toBeGreaterThan(2);
    const [, hh, mm, dd, mo, yyyy] = stamps.at(-1) ?? [];
    const shown = Date.UTC(Number(yyyy), Number(mo) - 1, Number(dd), Number(hh), Number(mm));
    // Shown as Vietnam's wall clock: seven hours ahead of UTC, within the minute or two the run took.
    expect(Math.abs(shown - (Date.now() + 7 * 3_600_000))).toBeLessThan(3 * 60_000);
  });

  it.skipIf(!POSTGRES.ok)('on PostgreSQL, health says so when the database goes away', async () => {
    const db = await freshPostgres();
    const port = await freePort();
    const run = start(cwd, port, { DATABASE_URL: db.url });
    try {
      expect((await waitForHealth(port)).status).toBe(200);
      await db.drop();
      const health = await operatorHealth(port, { dataDir: join(cwd, 'data') });
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'degraded', database: 'unreachable' });
    } finally {
      run.child.kill('SIGTERM');
    }
    // If the stop overran, its log names what it was still waiting for.
    expect(await run.exited, run.output().slice(-4000)).toBe(0);
  });
});
