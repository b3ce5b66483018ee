import { describe, expect, it } from 'vitest';
import { sourceText } from './source';

describe('the risk register\'s Källa column', () => {
  it('names the source once: the name when it begins with the type, else both', () => {
    expect(sourceText('VoR', 'VoR 2025')).toBe('VoR 2025');
    expect(sourceText('Leverantörsgranskning', 'Leverantörsgranskning')).toBe('Leverantörsgranskning');
    expect(sourceText('Leverantörsgranskning', 'leverantörsgranskning Tieto')).toBe('leverantörsgranskning Tieto');
    expect(sourceText('Incident', 'AV-2025-0042')).toBe('Incident – AV-2025-0042');
    expect(sourceText('Manuell', ' ')).toBe('Manuell');
    expect(sourceText('Manuell', null)).toBe('Manuell');
  });
});
