import { describe, expect, it } from 'vitest';
import { readSearch, searchChoice, searchText } from './search';

describe('readSearch', () => {
  it('reads every value as text, as written', () => {
    expect(readSearch('?org=1480&alla=1&overdue=true&year=2025&q=n%C3%A4tfiske%20mejl')).toEqual({ org: '1480', alla: '1', overdue: 'true', year: '2025', q: 'nätfiske mejl' });
    expect(readSearch('')).toEqual({});
  });

  it("unquotes the JSON-quoted values of the app's older addresses, and keeps other quotes", () => {
    expect(readSearch('?alla=%221%22&overdue=%22true%22&status=%22Rapporterad%22')).toEqual({ alla: '1', overdue: 'true', status: 'Rapporterad' });
    expect(readSearch('?q=%22tv%C3%A5%20ord%22%20till')).toEqual({ q: '"två ord" till' });
    expect(readSearch('?q=%22%5C%22')).toEqual({ q: '"\\"' });
  });
});

describe('query values', () => {
  it('take text and the numbers and booleans a page may have put in the address', () => {
    expect(searchText('1480')).toBe('1480');
    expect(searchText(1480)).toBe('1480');
    expect(searchText('')).toBeUndefined();
    expect(searchText(undefined)).toBeUndefined();
    expect([searchChoice('1'), searchChoice(1), searchChoice('true'), searchChoice('0'), searchChoice('ja')]).toEqual([true, true, true, false, undefined]);
  });
});
