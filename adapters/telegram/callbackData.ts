import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a card button can ask for; one letter each, since callback data holds at most 64 bytes. */
export const PRESS_ACTIONS = {
  k: 'accept',
  n: 'needsInfo',
  x: 'reject',
  a: 'approve',
  t: 'toTech',
  r: 'return',
  s: 'flagSensitive',
  c: 'requireChairman',
  // Interaction cards (adapters/telegram/interactionCards.ts): one card lists several interactions.
  p: 'interactionPublish',
  y: 'interactionReply',
  h: 'interactionHide',
  q: 'interactionTicket',
  // Ticket cards (adapters/telegram/ticketCards.ts): the step and the ticket version ride in the reference.
  u: 'ticket',
  // Royalty sheet cards (adapters/telegram/royaltyCards.ts): the step's letter and the sheet version in the reference.
  m: 'royaltySheet',
  // Media-service contract cards (adapters/telegram/serviceCards.ts): the decision's letter and the contract version.
  d: 'serviceContract',
} as const;
export type PressAction = (typeof PRESS_ACTIONS)[keyof typeof PRESS_ACTIONS];
const LETTER = Object.fromEntries(Object.entries(PRESS_ACTIONS).map(([k, v]) => [v, k])) as Record<PressAction, string>;

/** Card ids are short random strings: the card row holds the item, step and revision the buttons are for. */
export const newCardId = () => randomBytes(12).toString('base64url');

const SIG_LENGTH = 16;

/** The key buttons are signed with, derived from HUB_SECRET. */
export const callbackKey = (hubSecret: string): Buffer => createHmac('sha256', hubSecret).update('telegram-callback-data').digest();

/** Which line of a card a button is for and what the card showed there: a few letters and digits, signed with the rest. */
const REF = /^[0-9a-z]{1,10}$/;

/**
 * The bot signs what it puts in buttons, so a client cannot press a button the bot never sent.
 * `letter.card.sig`, or `letter.card.ref.sig` for a card of several lines: at most 1+1+16+1+10+1+16 = 46
 * bytes, inside Telegram's 64.
 */
export function callbackSigner(hubSecret: string) {
  const key = callbackKey(hubSecret);
  const sign = (payload: string) => createHmac('sha256', key).update(payload).digest('base64url').slice(0, SIG_LENGTH);
  return {
    sign(action: PressAction, cardId: string, ref?: string): string {
      if (ref !== undefined && !REF.test(ref)) throw new Error(`a button reference must be 1-10 letters or digits: ${ref}`);
      const payload = ref === undefined ? `${LETTER[action]}.${cardId}` : `${LETTER[action]}.${cardId}.${ref}`;
      return `${payload}.${sign(payload)}`;
    },
    /** Null for anything the bot did not sign exactly so. */
    read(data: string): { action: PressAction; cardId: string; ref: string | null } | null {
      const m = /^([a-z])\.([A-Za-z0-9_-]{16})(?:\.([0-9a-z]{1,10}))?\.([A-Za-z0-9_-]{16})$/.exec(data);
      if (!m) return null;
      const [, letter = '', cardId = '', ref, sig = ''] = m;
      const action = (PRESS_ACTIONS as Record<string, PressAction | undefined>)[letter];
      if (!action) return null;
      const expected = Buffer.from(sign(ref === undefined ? `${letter}.${cardId}` : `${letter}.${cardId}.${ref}`));
      const given = Buffer.from(sig);
      return given.length === expected.length && timingSafeEqual(given, expected) ? { action, cardId, ref: ref ?? null } : null;
    },
  };
}
export type CallbackSigner = ReturnType<typeof callbackSigner>;

/** The secret Telegram echoes in X-Telegram-Bot-Api-Secret-Token; derived, so only HUB_SECRET needs keeping. */
export function webhookSecret(hubSecret: string): string {
  return createHmac('sha256', hubSecret).update('telegram-webhook').digest('hex').slice(0, 48);
}
