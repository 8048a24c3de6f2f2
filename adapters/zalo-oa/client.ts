import { networkCause } from '../../src/core/errorCause.js';
/**
 * A thin client for the Zalo OA Open API (no maintained Node SDK; notes/platforms.md §3): every call
 * sends the `access_token` header, and success means HTTP 200 and `error: 0` in the body.
 */
export interface ZaloConfig {
  openApiBase: string;
  oauthBase: string;
  timeoutMs: number;
}

export type Json = Record<string, unknown>;

export type ZaloAnswer = { ok: true; data: Json } | { ok: false; failure: { kind: 'zalo'; code: number; message: string } | { kind: 'http'; status: number } | { kind: 'network'; message: string } };

export class ZaloClient {
  constructor(private readonly config: ZaloConfig) {}

  private async send(url: string, init: RequestInit): Promise<ZaloAnswer> {
    let response: Response;
    let body: unknown;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(this.config.timeoutMs) });
      body = await response.json().catch(() => null);
    } catch (error) {
      return { ok: false, failure: { kind: 'network', message: networkCause(error) } };
    }
    if (!response.ok) return { ok: false, failure: { kind: 'http', status: response.status } };
    const b = (body ?? {}) as { error?: unknown; message?: unknown; data?: unknown };
    if (b.error !== 0) return { ok: false, failure: { kind: 'zalo', code: typeof b.error === 'number' ? b.error : -1, message: typeof b.message === 'string' ? b.message : 'unknown' } };
    return { ok: true, data: (b.data ?? {}) as Json };
  }

  post(path: string, token: string, json: object): Promise<ZaloAnswer> {
    return this.send(`${this.config.openApiBase}${path}`, { method: 'POST', headers: { access_token: token, 'Content-Type': 'application/json' }, body: JSON.stringify(json) });
  }

  get(path: string, token: string, query: Record<string, string>): Promise<ZaloAnswer> {
    return this.send(`${this.config.openApiBase}${path}?${new URLSearchParams(query).toString()}`, { method: 'GET', headers: { access_token: token } });
  }

  upload(path: string, token: string, file: { bytes: Uint8Array; type: string; name: string }): Promise<ZaloAnswer> {
    const form = new FormData();
    form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
    return this.send(`${this.config.openApiBase}${path}`, { method: 'POST', headers: { access_token: token }, body: form });
  }

  /** OAuth v4 refresh: the app's secret key in a header; the answer is not wrapped in `error/data`. */
  async refresh(appId: string, secretKey: string, refreshToken: string): Promise<{ ok: true; accessToken: string; refreshToken: string } | Extract<ZaloAnswer, { ok: false }>> {
    let body: { access_token?: unknown; refresh_token?: unknown; error?: unknown; error_name?: unknown; message?: unknown };
    try {
      const r = await fetch(`${this.config.oauthBase}/v4/oa/access_token`, {
        method: 'POST',
        headers: { secret_key: secretKey, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ refresh_token: refreshToken, app_id: appId, grant_type: 'refresh_token' }).toString(),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      if (!r.ok) return { ok: false, failure: { kind: 'http', status: r.status } };
      body = (await r.json()) as typeof body;
    } catch (error) {
      return { ok: false, failure: { kind: 'network', message: networkCause(error) } };
    }
    if (typeof body.access_token === 'string' && typeof body.refresh_token === 'string') return { ok: true, accessToken: body.access_token, refreshToken: body.refresh_token };
    return { ok: false, failure: { kind: 'zalo', code: typeof body.error === 'number' ? body.error : -1, message: typeof body.message === 'string' ? body.message : 'refresh refused' } };
  }
}
