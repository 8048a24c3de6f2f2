/** Expected outcomes are values; bugs throw. */
export type Ok<T> = { ok: true; value: T };
export type Refused<R extends string = string> = { ok: false; reason: R; detail?: Record<string, string> };
export type Outcome<T, R extends string = string> = Ok<T> | Refused<R>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const refuse = <R extends string>(reason: R, detail?: Record<string, string>): Refused<R> =>
  detail === undefined ? { ok: false, reason } : { ok: false, reason, detail };
