import { describe, expect, it } from 'vitest';
import { textWidth } from '../fonts';
import { hyphenateToFit, syllables } from './hyphenate';

const SIZE = 8;
const fit = (text: string, width: number, bold = false) => hyphenateToFit(text, width, SIZE, bold, textWidth);
/** The text without the hyphens hyphenateToFit added (a part ends "- " and the next part follows). */
const unhyphenated = (text: string) => text.replace(/-\s(?=\p{Ll})/gu, '');

describe('hyphenateToFit: a word too wide for its PDF column parts at Swedish syllables', () => {
  it('knows where Swedish compounds part', () => {
    expect(syllables('Registerförteckningen').join('|')).toBe('Re|gis|ter|för|teck|ning|en');
    expect(syllables('e-posthantering')[0]).toBe('e-');
  });

  it('leaves text alone while every word fits', () => {
    const text = 'Håll registerförteckningen i DraftIT fullständig.';
    expect(fit(text, textWidth('registerförteckningen', SIZE, false) + 0.1)).toBe(text);
  });

  it('parts a wide word into pieces that each fit with their hyphen, the longest first, and loses no letter', () => {
    const width = textWidth('Registerförteck-', SIZE, false) + 1.5;
    const out = fit('Registerförteckningen i DraftIT', width);
    expect(out).toBe('Registerförteck- ningen i DraftIT');
    const longer = fit('informationssäkerhetsarbetet', textWidth('informations-', SIZE, false) + 1.5);
    expect(longer).toBe('informations- säkerhetsar- betet');
    for (const part of longer.split(' ')) expect(textWidth(part, SIZE, false)).toBeLessThanOrEqual(textWidth('informations-', SIZE, false) + 0.5);
    expect(unhyphenated(longer)).toBe('informationssäkerhetsarbetet');
  });

  it('measures bold text as bold (the first column and the header are bold)', () => {
    const width = textWidth('Dataskyddshandläggare', SIZE, false) + 0.5;
    expect(fit('Dataskyddshandläggare', width, false)).toBe('Dataskyddshandläggare');
    expect(fit('Dataskyddshandläggare', width, true)).not.toBe('Dataskyddshandläggare');
  });

  it('keeps punctuation with its word and adds no second hyphen to a word that has one', () => {
    const width = textWidth('(Konsekvensbe-', SIZE, false) + 1.5;
    expect(fit('(Konsekvensbedömningarna;', width)).toBe('(Konsekvensbe- dömningarna;');
    // "informationssäkerhets- och GDPR-frågor": the hyphen of the elided word is the text's own.
    expect(fit('informationssäkerhets- och GDPR-frågor', textWidth('informationssäker-', SIZE, false) + 1.5)).toBe('informationssäker- hets- och GDPR-frågor');
  });

  it('leaves what has no syllables to the renderer: numbers, addresses, text held by a no-break space', () => {
    for (const text of ['1234567890123456789', 'https://intranat.stockholm.se/dataskydd', 'DI-2025-012345']) expect(fit(text, 20)).toBe(text);
    expect(fit('90,9\u00a0%', 5)).toBe('90,9\u00a0%');
  });
});
