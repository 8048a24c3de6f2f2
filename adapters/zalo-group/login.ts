import { LoginQRCallbackEventType, Zalo } from 'zca-js';
import { message } from '../../src/core/messages.js';
import type { Deps } from '../../src/app/deps.js';
import { readZaloCredentials, saveCredentials } from './credentials.js';
import type { ZaloCredentials } from './gateway.js';
import { unreachableCode } from './errors.js';
import { qrToText } from './qrText.js';

export interface QrLoginOptions {
  deps: Deps;
  sealingKey: Buffer;
  /** Where the QR picture is saved, for a person who cannot read it in the terminal. */
  qrPath: string;
  fetch: typeof fetch;
  /** Lines for the person at the terminal. */
  print: (text: string) => void;
  /** How many times an expired code is replaced before giving up. */
  renewals?: number;
}

export type QrLoginResult = { ok: true; uid: string; name: string } | { ok: false; reason: 'declined' | 'expired' | 'failed' | 'unreachable'; detail: string };

/** A person scans the QR code with the bot account's phone; the session is sealed and stored for the service. */
export async function loginByQr(options: QrLoginOptions): Promise<QrLoginResult> {
  // Lines go out in the order things happened, even though drawing the QR code takes a moment.
  let printed = Promise.resolve();
  const print = (line: string | (() => Promise<string>)) => {
    printed = printed.then(async () => options.print(typeof line === 'string' ? line : await line())).catch((error: unknown) => options.print(String(error)));
  };
  let renewals = options.renewals ?? 3;
  let credentials: ZaloCredentials | null = null;
  let name = '';
  let ended: QrLoginResult | null = null;
  const zalo = new Zalo({ checkUpdate: false, logging: false, selfListen: false, polyfill: options.fetch });
  try {
    const api = await zalo.loginQR({ qrPath: options.qrPath }, (event) => {
      switch (event.type) {
        case LoginQRCallbackEventType.QRCodeGenerated:
          print(async () => {
            await event.actions.saveToFile(options.qrPath);
            return qrToText(Buffer.from(event.data.image, 'base64'));
          });
          print(message('vi', 'zalo_login_scan', { path: options.qrPath }));
          print(message('en', 'zalo_login_scan', { path: options.qrPath }));
          break;
        case LoginQRCallbackEventType.QRCodeExpired:
          if (renewals <= 0) {
            ended = { ok: false, reason: 'expired', detail: 'QR code expired' };
            event.actions.abort();
          } else {
            renewals -= 1;
            print(`${message('vi', 'zalo_login_expired')} / ${message('en', 'zalo_login_expired')}`);
            event.actions.retry();
          }
          break;
        case LoginQRCallbackEventType.QRCodeScanned:
          name = event.data.display_name;
          print(`${message('vi', 'zalo_login_scanned', { name })} / ${message('en', 'zalo_login_scanned', { name })}`);
          break;
        case LoginQRCallbackEventType.QRCodeDeclined:
          ended = { ok: false, reason: 'declined', detail: message('en', 'zalo_login_declined') };
          print(`${message('vi', 'zalo_login_declined')} / ${message('en', 'zalo_login_declined')}`);
          event.actions.abort();
          break;
        case LoginQRCallbackEventType.GotLoginInfo:
          credentials = readZaloCredentials(JSON.stringify(event.data));
          break;
      }
    });
    await printed;
    if (!credentials) return { ok: false, reason: 'failed', detail: 'Zalo gave no session' };
    const uid = api.getOwnId();
    await saveCredentials(options.deps, options.sealingKey, credentials, uid, null);
    return { ok: true, uid, name: name || uid };
  } catch (error) {
    await printed;
    const unreachable = unreachableCode(error);
    if (!ended && unreachable) return { ok: false, reason: 'unreachable', detail: unreachable };
    return ended ?? { ok: false, reason: 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
}
