import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../../src/http/app.js';
import { webhookSecret } from '../../../adapters/telegram/callbackData.js';
import { BACKENDS, type TestDatabase } from '../../helpers/databases.js';
import { fixture, INTAKE, startTelegramDesk } from '../../helpers/telegram.js';

describe.each(BACKENDS)('Telegram traffic on $name', ({ fresh, skip }) => {
  let db: TestDatabase;
  let t: Awaited<ReturnType<typeof startTelegramDesk>> | null = null;
  afterEach(async () => {
    await t?.stop();
    await db.drop();
  });

  it.skipIf(skip)('200 submissions from 20 people in 10 s: 200 tracked, none lost or doubled, every 429 retried, no limit breached', async () => {
    db = await fresh();
    t = await startTelegramDesk(db.url, { inject429Every: 4 });
    const users = Array.from({ length: 20 }, (_, i) => t!.stranger(`ctv_${i}`));
    const sent = [];
    for (let n = 0; n < 200; n += 1) {
      sent.push(t.say(users[n % 20]!, INTAKE, { text: `Tin số ${n + 1}\nNội dung tin số ${n + 1}.` }));
      if (n % 20 === 19) await new Promise((r) => setTimeout(r, 450));
    }
    // Telegram re-delivers some of them, as the same update or as a new update of the same message.
    for (const update of sent.slice(0, 10)) {
      t.fake.push(update);
      t.fake.push({ message: update.message });
    }
    const acks = () => t!.fake.texts(INTAKE).join('\n').match(/Đã nhận tin BP-2026-\d{5}/g) ?? [];
    await t.fake.waitFor(() => acks().length >= 200, 50_000);
    await new Promise((r) => setTimeout(r, 1500));
    const codes = new Set(acks().map((a) => a.slice(-13)));
    expect(codes.size).toBe(200);
    expect((await t.seeded.store.receivedSubmissions()).length).toBe(200);
    // Acknowledgements are merged: far fewer messages than submissions, within the group's limit.
    expect(t.fake.sent('sendMessage', INTAKE).length).toBeLessThan(40);
    expect(t.fake.injected).toBeGreaterThan(0);
    expect(t.fake.breaches).toBe(0);
  });

  it.skipIf(skip)('webhook: wrong secret 401, right secret processed, the same update twice processed once', async () => {
    db = await fresh();
    t = await startTelegramDesk(db.url, { publicBaseUrl: 'https://hub.example.vn' });
    expect(t.fake.webhook).toEqual({ url: 'https://hub.example.vn/telegram/webhook', secret: webhookSecret(t.hubSecret) });
    const app = createHttpApp({ ping: async () => undefined, uptime: () => 1, ready: () => true, telegramWebhook: t.telegram.webhook });
    const post = (secret: string, body: string) => app.request('/telegram/webhook', { method: 'POST', headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret }, body });
    const update = JSON.stringify(fixture<object>('photo-message.json'));

    expect((await post('wrong', update)).status).toBe(401);
    expect((await post(webhookSecret(t.hubSecret), '{not json')).status).toBe(400);
    expect(await t.seeded.store.receivedSubmissions()).toEqual([]);

    expect((await post(webhookSecret(t.hubSecret), update)).status).toBe(200);
    expect((await post(webhookSecret(t.hubSecret), update)).status).toBe(200);
    await t.fake.waitFor(() => t!.fake.texts(INTAKE).find((x) => x.includes('Đã nhận tin BP-2026-00001')));
    await new Promise((r) => setTimeout(r, 1500));
    const submissions = await t.seeded.store.receivedSubmissions();
    expect(submissions.map((s) => [s.code, s.attachments.length])).toEqual([['BP-2026-00001', 1]]);
    expect(t.fake.texts(INTAKE).filter((x) => x.includes('Đã nhận tin')).length).toBe(1);
  });
});
