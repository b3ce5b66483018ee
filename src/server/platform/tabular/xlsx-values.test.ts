import { describe, expect, it } from 'vitest';
import { numberText, showNumber } from './xlsx-values';

describe('numberText: number formats that show a whole number as text', () => {
  it('reads zeros only, and a literal text before the digits, as Excel shows them', () => {
    const shown = (code: string, n: number) => {
      const style = numberText(code);
      return style ? showNumber(n, style) : n;
    };
    expect(shown('00000', 123)).toBe('00123');
    expect(shown('"IA-"0000', 42)).toBe('IA-0042');
    expect(shown('"IA-"0000', 123456)).toBe('IA-123456');
    expect(shown('\\I\\A-0', 7)).toBe('IA-7');
    expect(shown('"IA-"#', 7)).toBe('IA-7');
    expect(shown('"AV-"0000" (IA)"', 5)).toBe('AV-0005 (IA)');
    // Only the positive section counts.
    expect(shown('"IA-"0000;"minus "0', 9)).toBe('IA-0009');
    expect(shown('"IA-"0000;@', 42)).toBe('IA-0042');
    expect(shown('"IA-"#', 0)).toBe('IA-');
    expect(shown('"IA-"0', 0)).toBe('IA-0');
  });

  it('leaves other formats alone: the number stays a number', () => {
    for (const code of [
      '0', 'General', '0.00', '#,##0', '0%', '0" st"', '00" st"', '0" dagar; mån"', '[Red]"IA-"0', '[$-41D]"IA-"0000', '"IA-"@',
      '"IA-"0"-"0', '0.0E+00', '"Text"', '+0;-0;0', '$0', '(0000)', '"IA-"0000_)',
    ]) {
      expect(numberText(code), code).toBeUndefined();
    }
  });
});
