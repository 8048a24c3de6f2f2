import { describe, expect, it } from 'vitest';
import { articlePath } from '../../src/core/portal/paths.js';
import { openClient } from '../../src/store/client.js';
import { BACKENDS } from '../helpers/databases.js';
import { INTAKE, journeyPerTest, type TgUser } from '../helpers/journey.js';

const COLLABORATOR: TgUser = { id: 5_390_100_001, is_bot: false, first_name: 'Hòa', username: 'ctv_hoa' };

/**
 * Bước 3 lets the standing deputy lend publishing to the secretary. The loan is the deputy's
 * power: once the deputy is no longer deputy, the secretary's approval must go back to being a
 * secretary's approval, and the trail must say the delegation ended and why.
 */
describe.each(BACKENDS)('a delegation ends with the role it came from, on $name', ({ fresh, skip }) => {
  const journey = journeyPerTest(fresh, { mirrors: false, zaloGroup: false });

  it.skipIf(skip)('the deputy loses the role: the secretary no longer publishes alone, the item waits for a deputy, and the end is audited', async () => {
    const j = await journey();
    const editor = await j.person('Phạm Thu Dung', 'dung@example.vn', 'editor');
    const secretary = await j.person('Lê Minh Châu', 'chau@example.vn', 'secretary');
    const deputy = await j.person('Trần Thị Bích', 'bich@example.vn', 'deputy');
    await j.start();

    j.say(deputy, deputy.id, { text: `/delegate @${secretary.username} 31/12/${new Date().getFullYear() + 1}` });
    await j.waitText(deputy.id, 'Đã ủy quyền');
    await j.cli(['revoke', '--person', 'bich@example.vn', '--site', 'tinh', '--role', 'deputy']);

    j.say(COLLABORATOR, INTAKE, { text: 'Lịch tiếp công dân tháng Một\nLãnh đạo tỉnh tiếp công dân ngày 15.' });
    const code = /([A-Z]+-\d{4}-\d{5})/.exec(await j.waitText(INTAKE, 'Đã nhận tin'))![1]!;
    await j.pressOn(editor, code, 'Tiếp nhận', 'Tiếp nhận');
    await j.pressOn(editor, code, 'Bước: Biên tập', 'Duyệt');
    const pressed = await j.pressOn(secretary, code, 'Bước: Thư ký', 'Duyệt');
    expect(pressed.text).toContain('Đã ghi nhận');

    // The next card asks a deputy; nothing reached the public.
    await j.waitText(-1001555000111, 'Bước: Phó Trưởng ban');
    expect((await fetch(`${j.portal}${articlePath('vi', code)}`)).status).toBe(404);
    expect(j.telegram.texts(INTAKE).join('\n')).not.toContain('đã được xuất bản');

    // The former deputy has nothing left to revoke: the loan ended with the role, and the trail says so.
    j.say(deputy, deputy.id, { text: '/revoke' });
    await j.waitText(deputy.id, 'Không tìm thấy ủy quyền còn hiệu lực');
    const read = openClient(j.databaseUrl);
    try {
      const ended = await read.auditEvent.findMany({ where: { action: 'delegation.end' } });
      expect(ended).toHaveLength(1);
      expect(JSON.parse(ended[0]!.data)).toMatchObject({ reason: 'role_lost', role: 'deputy' });
      expect(await read.delegation.count({ where: { revokedAt: null } })).toBe(0);
    } finally {
      await read.$disconnect();
    }
  }, 300_000);
});
