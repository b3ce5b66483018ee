/**
 * The Ärende-IDs already seen in this file, in bounded memory: a 64-bit fingerprint per id in an
 * open-addressing table of typed arrays (about 24 bytes per id, so 1,000,000 ids ≈ 24–48 MB), with the line
 * the id was first seen on. Two different ids share a fingerprint with probability ~n²/2⁶⁵ (≈ 3·10⁻⁸ for a
 * million ids), which is accepted.
 */
export class SeenIds {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private lines: Uint32Array;
  private count = 0;

  constructor(capacity = 1 << 14) {
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.lines = new Uint32Array(capacity);
  }

  /** Records the id; returns the line it was first seen on when it was already there. */
  add(id: string, line: number): number | undefined {
    if ((this.count + 1) * 2 > this.hi.length) this.grow();
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = fmix(h1 ^ id.length) >>> 0;
    h2 = fmix(h2 ^ 0x2545f491) >>> 0;
    if (h1 === 0 && h2 === 0) h2 = 1; // (0,0) marks an empty slot
    return this.put(h1, h2, line);
  }

  private put(h1: number, h2: number, line: number): number | undefined {
    const mask = this.hi.length - 1;
    let k = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask;
    for (;;) {
      if (this.hi[k] === 0 && this.lo[k] === 0) {
        this.hi[k] = h1;
        this.lo[k] = h2;
        this.lines[k] = line;
        this.count++;
        return undefined;
      }
      if (this.hi[k] === h1 && this.lo[k] === h2) return this.lines[k];
      k = (k + 1) & mask;
    }
  }

  private grow() {
    const { hi, lo, lines } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(hi.length * 2);
    this.lines = new Uint32Array(hi.length * 2);
    this.count = 0;
    for (let k = 0; k < hi.length; k++) if (hi[k] !== 0 || lo[k] !== 0) this.put(hi[k], lo[k], lines[k]);
  }
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
