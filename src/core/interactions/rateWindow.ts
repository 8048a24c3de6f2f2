import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Counting posts per sender over a sliding minute, in memory and bounded. Pure: times come in as
 * values. At most `perWindow` are let through in any `windowMs` for one key; what is refused is
 * not counted, so a sender who stops is let through again a window after their last accepted post.
 */
export class RateWindow {
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly perWindow: number,
    private readonly windowMs: number,
    /** Keys kept at most; past it, idle keys go first, then the least recently seen. */
    private readonly maxKeys: number,
  ) {}

  get size(): number {
    return this.seen.size;
  }

  /** True, and counted, when the key may act now; false when it has used its share of the window. */
  take(key: string, nowMs: number): boolean {
    const from = nowMs - this.windowMs;
    const times = (this.seen.get(key) ?? []).filter((t) => t > from);
    if (times.length >= this.perWindow) {
      this.touch(key, times);
      return false;
    }
    times.push(nowMs);
    this.touch(key, times);
    if (this.seen.size > this.maxKeys) this.shrink(from);
    return true;
  }

  /** Re-inserted: the map's order is then least recently seen first. */
  private touch(key: string, times: number[]): void {
    this.seen.delete(key);
    this.seen.set(key, times);
  }

  private shrink(from: number): void {
    for (const [key, times] of this.seen) if ((times.at(-1) ?? 0) <= from) this.seen.delete(key);
    // Still full of senders active this minute (a flood from many addresses): the longest quiet go.
    // One of them may post again early; memory stays bounded, which matters more under a flood.
    for (const key of this.seen.keys()) {
      if (this.seen.size <= this.maxKeys) break;
      this.seen.delete(key);
    }
  }
}

/**
 * What a sender is counted under: the address with a per-process salt, so the counter holds no
 * address in the clear. An IPv6 host usually owns a whole /64, so it counts as one; an IPv4 address
 * written as IPv6 (`::ffff:1.2.3.4`) counts as itself.
 */
export function senderKey(address: string, salt: Buffer): string {
  return createHmac('sha256', salt).update(networkOf(address)).digest('base64url').slice(0, 22);
}

/** `::ffff:1.2.3.4` (an IPv4 peer of a dual-stack socket) is `1.2.3.4`. */
export const unmapped = (address: string) => /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address)?.[1] ?? address;

export function networkOf(raw: string): string {
  const address = unmapped(raw);
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (`::1.2.3.4`) takes two groups; the prefix is what counts, so it is kept as is.
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}

/**
 * The sending address: the peer, or — when the peer is a proxy the operator trusts — the nearest
 * address in X-Forwarded-For that is not one of those proxies. A value that is no address is not
 * believed: the peer is used.
 */
export function senderAddress(peerAddress: string, forwardedFor: string | undefined, trusted: ReadonlySet<string>): string {
  const peer = unmapped(peerAddress);
  if (!trusted.has(peer) || !forwardedFor) return peer;
  const hops = forwardedFor.split(',').map((h) => h.trim()).filter((h) => h !== '');
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = unmapped(hops[i]!);
    if (trusted.has(hop)) continue;
    return isIP(hop) ? hop : peer;
  }
  return peer;
}
