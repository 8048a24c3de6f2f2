import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSqlite, type TestDatabase } from '../helpers/databases.js';
import { EDITORIAL, startJourney, type Journey } from '../helpers/journey.js';
import { within } from '../helpers/portal.js';

const ADMINS = -1001444000222;

interface MenuCall {
  commands: { command: string; description: string }[];
  scope?: { type: string; chat_id?: number };
  language_code?: string;
}

describe('Telegram’s command menu, set by the real service per chat and language', () => {
  let db: TestDatabase;
  let j: Journey;

  beforeAll(async () => {
    db = await freshSqlite();
    j = await startJourney(db.url, {}, { mirrors: false, zaloGroup: false, env: { TELEGRAM_ADMIN_CHAT: String(ADMINS) } });
    await j.start();
  }, 120_000);
  afterAll(async () => {
    await j?.stop();
    await db?.drop();
  }, 60_000);

  it('a collaborator is offered how to send news and link an account; the desk its queue; the admins roles and channels; in Vietnamese, English for English Telegram', async () => {
    const menus = () => j.telegram.sent('setMyCommands').map((c) => c.params as unknown as MenuCall);
    await within(20_000, async () => menus().length >= 6);
    const menu = (chat: number | null, lang: string | undefined) => menus().find((m) => (m.scope?.chat_id ?? null) === chat && m.language_code === lang);
    const names = (m: MenuCall | undefined) => m?.commands.map((c) => c.command) ?? [];

    const everyone = menu(null, undefined);
    expect(names(everyone)).toEqual(expect.arrayContaining(['help', 'link', 'submit', 'lang']));
    expect(names(everyone)).not.toContain('grant');
    expect(names(everyone)).not.toContain('pending');
    expect(everyone?.commands.find((c) => c.command === 'link')?.description).toBe('Liên kết tài khoản: /link MÃ');
    expect(menu(null, 'en')?.commands.find((c) => c.command === 'link')?.description).toBe('Link your account: /link CODE');

    expect(names(menu(EDITORIAL, undefined))).toEqual(expect.arrayContaining(['pending', 'status', 'find']));
    expect(names(menu(EDITORIAL, undefined))).not.toContain('grant');
    expect(names(menu(ADMINS, 'en'))).toEqual(expect.arrayContaining(['grant', 'ungrant', 'channels', 'takedown']));
    expect(menu(ADMINS, 'en')?.commands.find((c) => c.command === 'channels')?.description).toBe('State of the channels (Facebook, YouTube, Zalo OA)');
    // Every menu is set once per start, nothing refused by the Bot API's rules.
    expect(menus()).toHaveLength(6);
    expect(j.telegram.calls.filter((c) => c.method === 'setMyCommands' && c.status !== 200)).toEqual([]);
  });
});
