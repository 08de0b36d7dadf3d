/**
 * Remembers which line first used a key (an external id, an email, a phone), for "duplicate of line N"
 * across a whole file without keeping a million strings: each key is reduced to a 64-bit hash in an
 * open-addressing table of typed arrays (12 bytes a slot; ~50 MB for 2 million keys). A false duplicate
 * needs a 64-bit collision (about 1 in 10^7 for a million-row file).
 */
export class KeySet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private lines: Int32Array;
  private mask: number;
  size = 0;

  constructor(initialCapacity = 1 << 16) {
    let cap = 1;
    while (cap < initialCapacity) cap <<= 1;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.lines = new Int32Array(cap);
    this.mask = cap - 1;
  }

  private readonly pendingHi: number[] = [];
  private readonly pendingLo: number[] = [];

  /**
   * Records all `keys` for `line` and answers 0, or answers the first line that already holds one of them
   * (then nothing is recorded, so a failed row never blocks a later one).
   */
  claim(keys: readonly string[], line: number): number {
    this.pendingHi.length = 0;
    this.pendingLo.length = 0;
    for (const key of keys) {
      let h1 = 0xdeadbeef;
      let h2 = 0x41c6ce57;
      for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 2654435761);
        h2 = Math.imul(h2 ^ c, 1597334677);
      }
      h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
      h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
      const hi = h1 >>> 0;
      const lo = (h2 | 1) >>> 0; // lo = 0 marks an empty slot
      const found = this.find(hi, lo);
      if (found !== 0) return found;
      this.pendingHi.push(hi);
      this.pendingLo.push(lo);
    }
    for (let k = 0; k < this.pendingHi.length; k++) this.insert(this.pendingHi[k]!, this.pendingLo[k]!, line);
    return 0;
  }

  private find(hi: number, lo: number): number {
    let i = (hi ^ lo) & this.mask;
    while (this.lo[i] !== 0) {
      if (this.lo[i] === lo && this.hi[i] === hi) return this.lines[i]!;
      i = (i + 1) & this.mask;
    }
    return 0;
  }

  private insert(hi: number, lo: number, line: number): void {
    let i = (hi ^ lo) & this.mask;
    while (this.lo[i] !== 0) {
      if (this.lo[i] === lo && this.hi[i] === hi) return;
      i = (i + 1) & this.mask;
    }
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.lines[i] = line;
    this.size++;
    if (this.size * 2 > this.mask) this.grow();
  }

  private grow(): void {
    const { hi, lo, lines } = this;
    const cap = (this.mask + 1) * 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.lines = new Int32Array(cap);
    this.mask = cap - 1;
    for (let j = 0; j < lo.length; j++) {
      if (lo[j] === 0) continue;
      let i = (hi[j]! ^ lo[j]!) & this.mask;
      while (this.lo[i] !== 0) i = (i + 1) & this.mask;
      this.hi[i] = hi[j]!;
      this.lo[i] = lo[j]!;
      this.lines[i] = lines[j]!;
    }
  }
}
