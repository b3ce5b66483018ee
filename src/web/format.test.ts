import { describe, expect, it } from 'vitest';
import { actorText, formatBytes, formatDateTime } from './format';
import sv from './i18n/sv/common.json';

describe('formatBytes', () => {
  it('counts as the upload limits do, 1 kB = 1 024 bytes, in Swedish digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1\u00a0023 B');
    expect(formatBytes(1024)).toBe('1 kB');
    expect(formatBytes(12_800)).toBe('13 kB');
    expect(formatBytes(1023 * 1024 + 511)).toBe('1\u00a0023 kB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1 MB');
    expect(formatBytes(1024 * 1024)).toBe('1 MB');
    expect(formatBytes(3.44 * 1024 * 1024)).toBe('3,4 MB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
  });
});

describe('formatDateTime', () => {
  it('shows Stockholm time on both sides of a change of clocks', () => {
    expect(formatDateTime('2025-03-30T00:59:00Z')).toBe('2025-03-30 01:59');
    expect(formatDateTime('2025-03-30T01:00:00Z')).toBe('2025-03-30 03:00');
    // The hour that occurs twice says which it is; the hours around it do not.
    expect(formatDateTime('2025-10-26T00:30:00Z')).toBe('2025-10-26 02:30 (+02:00)');
    expect(formatDateTime('2025-10-26T01:30:00Z')).toBe('2025-10-26 02:30 (+01:00)');
    expect(formatDateTime('2025-10-25T23:59:00Z')).toBe('2025-10-26 01:59');
    expect(formatDateTime('2025-10-26T02:00:00Z')).toBe('2025-10-26 03:00');
    expect(formatDateTime('2025-10-26T00:00:00Z')).toBe('2025-10-26 02:00 (+02:00)');
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('inte ett datum')).toBe('');
  });
});

describe('actorText', () => {
  // The Swedish texts themselves, looked up as i18next would.
  const t = (key: string, o?: Record<string, unknown>) => {
    const text = key.replace('common:', '').split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], sv) as string;
    return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(o?.[k]));
  };
  it('says who in words: Tillit\'s presets and the command line; a person by e-mail address', () => {
    expect(actorText('system', t)).toBe('Tillit (förinställt)');
    expect(actorText('cli:local', t)).toBe('Kommandoraden (local)');
    expect(actorText('isam@kommun.se', t)).toBe('isam@kommun.se');
  });
});
