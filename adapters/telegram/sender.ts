import type { Context } from 'grammy';
import type { Lang } from '../../src/core/messages.js';
import type { Deps } from '../../src/app/deps.js';
import type { PersonRecord } from '../../src/app/ports.js';
import { PLATFORM } from './cards.js';

/**
 * Who wrote or pressed, and the language to answer in: theirs once linked, else Vietnamese. Telegram's app has no
 * Vietnamese of its own, so most Vietnamese users' `language_code` is `en`: it says nothing of who they are. What a
 * stranger most needs (not_linked) carries an English line of its own.
 */
export async function senderOf(deps: Pick<Deps, 'store'>, ctx: Context): Promise<{ person: PersonRecord | null; lang: Lang }> {
  const person = ctx.from ? await deps.store.personByIdentity(PLATFORM, String(ctx.from.id)) : null;
  return { person, lang: person?.lang ?? 'vi' };
}
