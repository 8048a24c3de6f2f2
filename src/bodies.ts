/** Reading a body from a peer that may send too much or too slowly: files from platforms, webhooks. */

/** A body that was still arriving when its time was up (a slow-drip client). */
export class BodyTooSlow extends Error {
  constructor() {
    super('the body did not arrive in time');
  }
}

/**
 * Reads a response's or request's body, at most `max` bytes: null when it is longer. With a
 * `deadline`, a body still arriving then is abandoned too (throws `BodyTooSlow`).
 */
export async function readCapped(from: { body: ReadableStream<Uint8Array> | null }, max: number, deadline?: AbortSignal): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = from.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const late = deadline
    ? new Promise<never>((_, reject) => {
        const stop = () => reject(new BodyTooSlow());
        if (deadline.aborted) stop();
        else deadline.addEventListener('abort', stop, { once: true });
      })
    : null;
  late?.catch(() => undefined);
  for (;;) {
    let next: Awaited<ReturnType<typeof reader.read>>;
    try {
      next = await (late ? Promise.race([reader.read(), late]) : reader.read());
    } catch (error) {
      await reader.cancel().catch(() => undefined);
      throw error;
    }
    const { done, value } = next;
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}
