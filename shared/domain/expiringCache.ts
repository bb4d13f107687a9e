/**
 * A bounded map whose entries expire: at most `maxEntries` (the least recently used is dropped
 * first), each until its own deadline in ms since the epoch, compared with the time the caller
 * passes (its clock, so tests move it). No timers: an expired entry goes when it is next read or
 * pushed out. What a cache may hold, and for how long, is each caller's rule (see README Performance).
 */
export class ExpiringCache<K, V> {
  private readonly entries = new Map<K, { readonly value: V; readonly until: number }>();

  constructor(readonly maxEntries: number) {}

  /** The value if present and `nowMs` is before its deadline. */
  get(key: K, nowMs: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (nowMs >= entry.until) return undefined;
    // Most recently used last: the first key is the one to drop.
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` until `untilMs`; a deadline not after `nowMs` keeps nothing. */
  set(key: K, value: V, untilMs: number, nowMs: number): void {
    this.entries.delete(key);
    if (untilMs <= nowMs) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, until: untilMs });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
