/**
 * UUID version 7 (RFC 9562): 48-bit Unix time in milliseconds, then a 12-bit counter and 62 random bits.
 * Ids made by one generator are strictly increasing, so bulk inserts append at the right edge of the primary
 * key's B-tree instead of touching a random page per row (random v4 ids). Random bits come from the OS CSPRNG
 * in pooled blocks.
 */
import { randomFillSync } from 'node:crypto';

/** A UUID in its canonical 8-4-4-4-12 hex form (any version): what PostgreSQL's uuid type reads back unchanged. */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOL_SIZE = 8 * 1024;

export class Uuid7 {
  private pool = Buffer.alloc(POOL_SIZE);
  private offset = POOL_SIZE;
  private lastMs = -1;
  private counter = 0;

  constructor(private readonly now: () => number = Date.now) {}

  private random(n: number): number {
    if (this.offset + n > POOL_SIZE) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const at = this.offset;
    this.offset += n;
    return at;
  }

  next(): string {
    let ms = this.now();
    if (ms > this.lastMs) {
      this.lastMs = ms;
      // Start each millisecond at a random counter in the lower half, so there is room to count up.
      const r = this.random(2);
      this.counter = ((this.pool[r] << 8) | this.pool[r + 1]) & 0x7ff;
    } else {
      ms = this.lastMs;
      this.counter++;
      if (this.counter > 0xfff) {
        // Counter exhausted within one millisecond (or the clock went back): borrow the next millisecond.
        ms = ++this.lastMs;
        this.counter = 0;
      }
    }
    const p = this.pool;
    const r = this.random(8);
    const hi = Math.floor(ms / 2 ** 16);
    const lo = ms % 2 ** 16;
    const h = HEX;
    return (
      h[(hi >>> 24) & 0xff] + h[(hi >>> 16) & 0xff] + h[(hi >>> 8) & 0xff] + h[hi & 0xff] + '-' +
      h[lo >>> 8] + h[lo & 0xff] + '-' +
      h[0x70 | (this.counter >>> 8)] + h[this.counter & 0xff] + '-' +
      h[0x80 | (p[r] & 0x3f)] + h[p[r + 1]] + '-' +
      h[p[r + 2]] + h[p[r + 3]] + h[p[r + 4]] + h[p[r + 5]] + h[p[r + 6]] + h[p[r + 7]]
    );
  }
}
