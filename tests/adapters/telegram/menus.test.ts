import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishMenus } from '../../../adapters/telegram/menus.js';
import { FakeTelegram } from '../../fakes/telegramApi.js';

const TOKEN = '7000001:MENU-token_for-the-fake';

interface MenuCall {
  commands: { command: string }[];
  scope?: { type: string; chat_id?: number };
  language_code?: string;
}

/** A small province runs one group for the desk and the tickets: its menu has both, not the last one set. */
describe('command menus when chats are shared', () => {
  const fake = new FakeTelegram({ token: TOKEN });
  beforeAll(() => fake.listen());
  afterAll(() => fake.close());

  it('one chat named for the desk, the tickets and the admins gets one menu with all of their commands, each once', async () => {
    const api = new Api(TOKEN, { apiRoot: fake.root });
    expect(await publishMenus(api, { editorialChat: '-100111', ticketsChat: '-100111', adminChat: '-100222' })).toBe(6);
    const calls = fake.sent('setMyCommands').map((c) => c.params as unknown as MenuCall);
    const shared = calls.filter((c) => c.scope?.chat_id === -100111);
    expect(shared).toHaveLength(2);
    for (const menu of shared) {
      const names = menu.commands.map((c) => c.command);
      expect(names).toEqual(expect.arrayContaining(['pending', 'status', 'find', 'tickets', 'ticket', 'nhap']));
      expect(new Set(names).size).toBe(names.length);
    }
    expect(calls.find((c) => c.scope?.chat_id === -100222)?.commands.map((c) => c.command)).toContain('grant');
  });
});
