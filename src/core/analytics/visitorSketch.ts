/**
 * Unique visitors estimated without keeping who they were: a HyperLogLog sketch (Flajolet et al. 2007) of
 * 2^12 one-byte registers, about 1.6 % standard error. Sketches merge by taking each register's maximum, so
 * every process and every flush adds into one day's sketch and nothing is counted twice.
 */

const P = 12;
export const SKETCH_BYTES = 1 << P;
const ALPHA = 0.7213 / (1 + 1.079 / SKETCH_BYTES);

export const emptySketch = (): Uint8Array => new Uint8Array(SKETCH_BYTES);

/** Adds one visitor, given as 8 or more bytes of a keyed hash (uniformly spread). */
export function addToSketch(sketch: Uint8Array, hash: Uint8Array): void {
  if (hash.length < 8) throw new Error('a visitor hash needs 8 bytes');
  const high = ((hash[0]! << 24) | (hash[1]! << 16) | (hash[2]! << 8) | hash[3]!) >>> 0;
  const low = ((hash[4]! << 24) | (hash[5]! << 16) | (hash[6]! << 8) | hash[7]!) >>> 0;
  const index = high >>> (32 - P);
  // The rank of the first 1 in the 52 bits after the index (20 left in `high`, then all of `low`).
  const rest = (high << P) >>> 0;
  const rank = rest !== 0 ? Math.clz32(rest) + 1 : low !== 0 ? 32 - P + Math.clz32(low) + 1 : 64 - P + 1;
  if (rank > sketch[index]!) sketch[index] = rank;
}

/** Each register's maximum of the two: the sketch of both sets of visitors. */
export function mergeSketches(into: Uint8Array, from: Uint8Array): Uint8Array {
  if (into.length !== SKETCH_BYTES || from.length !== SKETCH_BYTES) throw new Error('sketches of another size');
  const out = new Uint8Array(SKETCH_BYTES);
  for (let i = 0; i < SKETCH_BYTES; i += 1) out[i] = Math.max(into[i]!, from[i]!);
  return out;
}

/** The estimated number of distinct visitors added. */
export function sketchCount(sketch: Uint8Array): number {
  let sum = 0;
  let zeros = 0;
  for (const r of sketch) {
    sum += 2 ** -r;
    if (r === 0) zeros += 1;
  }
  const raw = (ALPHA * SKETCH_BYTES * SKETCH_BYTES) / sum;
  // Few visitors: linear counting is the better estimate while registers are still empty.
  if (raw <= 2.5 * SKETCH_BYTES && zeros > 0) return Math.round(SKETCH_BYTES * Math.log(SKETCH_BYTES / zeros));
  return Math.round(raw);
}
