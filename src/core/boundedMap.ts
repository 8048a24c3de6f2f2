/**
 * A map that forgets its least recently used entries past `cap`. For what a long-lived process
 * remembers per chat, per card or per code only to save a call (a preview to reply to, the text a
 * card shows, a chat already logged): over years those keys never stop coming, and forgetting an
 * old one costs one repeated call, not a wrong answer.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly cap: number) {
    if (!Number.isInteger(cap) || cap < 1) throw new Error(`a bounded map needs a positive whole cap, not ${cap}`);
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Reading an entry makes it the most recently used. */
  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): this {
    this.entries.delete(key);
    this.entries.set(key, value);
    // A Map iterates in insertion order: the first key is the least recently used.
    while (this.entries.size > this.cap) this.entries.delete(this.entries.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }
}

/** A set with the same bound: membership refreshed on `add` and `has`. */
export class BoundedSet<K> {
  private readonly map: BoundedMap<K, true>;

  constructor(cap: number) {
    this.map = new BoundedMap(cap);
  }

  get size(): number {
    return this.map.size;
  }

  has(key: K): boolean {
    return this.map.get(key) === true;
  }

  add(key: K): this {
    this.map.set(key, true);
    return this;
  }
}

/**
 * Entries a chat desk keeps per map (cards, previews, chats): far more than are live at once
 * (cards in review, albums arriving), a few MB at most.
 */
export const MEMORY_CAP = 10_000;
