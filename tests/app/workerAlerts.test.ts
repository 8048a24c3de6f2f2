import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '../../src/app/channels.js';
import { reportStuck } from '../../src/app/mirrors.js';
import { sealingKey } from '../../src/core/sealing.js';
import { openClient } from '../../src/store/client.js';
import { FakeGraph } from '../fakes/graphApi.js';
import { FakeTelegram } from '../fakes/telegramApi.js';
import { BACKENDS, type TestDatabase } from '../helpers/databases.js';
import { seedDesk, type Desk } from '../helpers/desk.js';
import { HUB_SECRET } from '../helpers/outbox.js';
import { publishThrough, seedCategories } from '../helpers/portal.js';
import { freePort, startService } from '../helpers/service.js';
import { dispatchProcess, workerEnv } from '../helpers/workers.js';
import { TOKEN } from '../helpers/telegram.js';
import { CHANNEL_PROFILES } from '../../src/mirrorSetup.js';

const ADMINS = '-1001222333444';

/** `portal-hub dispatch --once` as its own process: it runs until nothing is due, then exits. */
function dispatchOnce(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const run = dispatchProcess(['--once', '--every-ms', '20'], env);
  return new Promise((resolve) => run.child.once('exit', (code) => resolve({ code, stderr: run.stderr() })));
}

describe.each(BACKENDS)('alerts from a dispatch worker reach the admins’ chat on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let desk: Desk;
  let graph: FakeGraph;
  let telegram: FakeTelegram;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    if (skip) return;
    db = await fresh();
    desk = await seedDesk(db.url);
    await seedCategories(desk);
    graph = new FakeGraph('1000', 'page-token-new');
    telegram = new FakeTelegram({ token: TOKEN });
    await Promise.all([graph.start(), telegram.listen()]);
    dataDir = mkdtempSync(join(tmpdir(), 'portal-hub-alerts-'));
    env = workerEnv(db.url, dataDir, graph);
  });
  afterAll(async () => {
    if (skip) return;
    await Promise.all([graph.stop(), telegram.close()]);
    await desk.store.close();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(skip)('a token a worker finds expired: the service holding the desk tells the admins once; the stuck alert names the reconnect', async () => {
    // The Page token was replaced on Facebook: Graph answers 190 to the stored one.
    const channel = await connectChannel(desk.deps, sealingKey(HUB_SECRET), CHANNEL_PROFILES, { key: 'fb-tinh', platform: 'facebook', accountId: '1000', token: 'page-token-old' });
    expect(channel.ok).toBe(true);
    const item = await publishThrough(desk, { title: 'Tin chờ kết nối lại', body: '.' }, 'kinh-te');

    const worker = await dispatchOnce(env);
    expect(worker.code).toBe(0);
    expect(worker.stderr).toContain('/reconnect fb-tinh');

    const port = await freePort();
    const service = startService(dataDir, port, { ...env, LOG_LEVEL: 'info', TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.root, TELEGRAM_ADMIN_CHAT: ADMINS });
    try {
      const told = await telegram.waitFor(() => telegram.texts(ADMINS).find((t) => t.includes('fb-tinh') && t.includes('/reconnect fb-tinh')), 60_000);
      expect(told).toContain(item.code);
      // Another alert, raised after: once it has arrived, the first has had its chances to be sent twice.
      await desk.store.raiseAlert('🔔 marker', new Date());
      await telegram.waitFor(() => telegram.texts(ADMINS).includes('🔔 marker'), 60_000);
      expect(telegram.texts(ADMINS).filter((t) => t === told)).toHaveLength(1);
      expect(telegram.texts(ADMINS).filter((t) => t === '🔔 marker')).toHaveLength(1);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
    const client = openClient(db.url);
    expect(await client.alert.count({ where: { sentAt: null } })).toBe(0);
    await client.$disconnect();

    // Half an hour on, still waiting for the reconnect: the admins hear of it, with what fixes it.
    desk.time.advance(31 * 60_000);
    const alerts: string[] = [];
    expect(await reportStuck(desk.deps, (t) => alerts.push(t))).toBe(1);
    expect(alerts[0]).toContain(`${item.code}`);
    expect(alerts[0]).toContain('/reconnect fb-tinh');
    expect(graph.live).toHaveLength(0);
  }, 120_000);
});
