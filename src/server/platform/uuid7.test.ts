import { describe, expect, it } from 'vitest';
import { Uuid7 } from './uuid7';

const FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Uuid7', () => {
  it('makes RFC 9562 version-7 ids carrying the millisecond time', () => {
    const at = Date.UTC(2025, 9, 26, 1, 30);
    const id = new Uuid7(() => at).next();
    expect(id).toMatch(FORMAT);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('is strictly increasing within one millisecond, past the counter, and when the clock goes back', () => {
    let now = 1_700_000_000_000;
    const gen = new Uuid7(() => now);
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) ids.push(gen.next()); // > 4096: the counter overflows into the next ms
    now -= 5_000;
    for (let i = 0; i < 10; i++) ids.push(gen.next());
    now += 60_000;
    ids.push(gen.next());
    for (const id of ids) expect(id).toMatch(FORMAT);
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1], `${ids[i - 1]} < ${ids[i]}`).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('differs between generators in its random part', () => {
    const a = new Uuid7(() => 1).next();
    const b = new Uuid7(() => 1).next();
    expect(a.slice(19)).not.toBe(b.slice(19));
  });
});
