import type { SealedStore, SealedValue } from '../app/sealedPorts.js';
import type { Db } from './client.js';

export function sealedStore(db: Db): SealedStore {
  return {
    async sealedValues() {
      const [channels, accounts] = await Promise.all([
        // A removed channel's token is erased: nothing sealed is left to read or rotate.
        db.channel.findMany({ where: { state: { not: 'removed' } }, select: { key: true, credentials: true }, orderBy: { key: 'asc' } }),
        db.chatAccount.findMany({ select: { key: true, credentials: true }, orderBy: { key: 'asc' } }),
      ]);
      return [
        ...channels.map((c): SealedValue => ({ kind: 'channel', key: c.key, sealed: c.credentials })),
        ...accounts.map((a): SealedValue => ({ kind: 'chatAccount', key: a.key, sealed: a.credentials })),
      ];
    },
    async replaceSealed(changes) {
      return db.$transaction(async (t) => {
        const done: SealedValue[] = [];
        for (const { value, to } of changes) {
          const where = { key: value.key, credentials: value.sealed };
          const moved = value.kind === 'channel' ? await t.channel.updateMany({ where, data: { credentials: to } }) : await t.chatAccount.updateMany({ where, data: { credentials: to } });
          if (moved.count === 1) done.push(value);
        }
        return done;
      });
    },
  };
}
