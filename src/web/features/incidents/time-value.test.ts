/** Time fields in Stockholm time across the DST changes (util.ts): the repeated October hour names two instants. */
import { describe, expect, it } from 'vitest';
import { instantsOf, toTimeValue } from './util';

describe('Stockholm time fields', () => {
  it('finds two instants in the hour repeated on 2025-10-26, none in the hour skipped on 2025-03-30, else one', () => {
    expect(instantsOf('2025-10-26T02:30').map((d) => d.toISOString())).toEqual(['2025-10-26T00:30:00.000Z', '2025-10-26T01:30:00.000Z']);
    expect(instantsOf('2025-03-30T02:30')).toEqual([]);
    expect(instantsOf('2025-07-01T10:00').map((d) => d.toISOString())).toEqual(['2025-07-01T08:00:00.000Z']);
    expect(instantsOf('2025-10-26T03:30').map((d) => d.toISOString())).toEqual(['2025-10-26T02:30:00.000Z']);
  });

  it('writes the second 02:30 with its offset, so a form shows and sends back the instant it was given', () => {
    expect(toTimeValue('2025-10-26T00:30:00.000Z')).toBe('2025-10-26T02:30');
    expect(toTimeValue('2025-10-26T01:30:00.000Z')).toBe('2025-10-26T02:30+01:00');
    expect(toTimeValue('2025-03-30T01:30:00.000Z')).toBe('2025-03-30T03:30');
    expect(toTimeValue(null)).toBe('');
  });
});
