/** The registerförteckning sheet's words (pure): legal basis, transfers, lists, criteria; the page's labels; the headers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looseKey } from '../../../server/platform/tabular/cells';
import { PRIVACY_COLUMNS, PRIVACY_HEADER } from './columns';
import { LABELS, parseCriteria, parseDpia, parseLegalBasis, parseStatus, parseTransfer, parseTransferTool, splitList } from './values';

const value = <T>(p: { ok: true; value: T } | { ok: false }) => (p.ok ? p.value : 'FAIL');

describe('registerförteckning cells', () => {
  it('reads the legal basis as a letter, an article reference, the page\'s label or the Swedish words', () => {
    const cases: [string, string | null][] = [
      ['e', 'e'], ['E', 'e'], ['e)', 'e'], ['6.1 e', 'e'], ['6.1e', 'e'], ['6.1.e', 'e'], ['6(1)(e)', 'e'], ['Art. 6.1 e', 'e'], ['art 6.1 c', 'c'],
      ['Artikel 6.1 f', 'f'], ['e) Allmänt intresse eller myndighetsutövning', 'e'], ['a) Consent', 'a'], ['c - rättslig förpliktelse', 'c'],
      ['Samtycke', 'a'], ['avtal', 'b'], ['Rättslig förpliktelse', 'c'], ['Grundläggande intresse', 'd'], ['Allmänt intresse', 'e'],
      ['Myndighetsutövning', 'e'], ['Allmänt intresse / myndighetsutövning', 'e'], ['Uppgift av allmänt intresse', 'e'], ['Berättigat intresse', 'f'],
      ['Intresseavvägning', 'f'], ['', null], ['Saknas', null], ['Inte angiven', null], ['–', null],
    ];
    for (const [raw, want] of cases) expect([raw, value(parseLegalBasis(raw))]).toEqual([raw, want]);
    for (const bad of ['g', '6.1', 'c och e', 'lagen', 'e) Samtycke']) expect([bad, parseLegalBasis(bad).ok]).toEqual([bad, false]);
    const both = parseLegalBasis('e) Samtycke');
    expect(!both.ok && both.msg.en).toContain('says both e and a');
  });

  it('reads transfers with the page export\'s "Ja (tool)", the tools, status, DPIA and criteria', () => {
    expect(value(parseTransfer('Ja'))).toEqual({ transfer: true });
    expect(value(parseTransfer(true))).toEqual({ transfer: true });
    expect(value(parseTransfer('x'))).toEqual({ transfer: true });
    expect(value(parseTransfer('no'))).toEqual({ transfer: false });
    expect(value(parseTransfer('Ja (Standardavtalsklausuler (SCC))'))).toEqual({ transfer: true, tool: 'scc' });
    expect(value(parseTransfer('Yes (Adequacy decision)'))).toEqual({ transfer: true, tool: 'adekvansbeslut' });
    expect(parseTransfer('USA').ok).toBe(false);
    expect(value(parseTransferTool('SCC'))).toBe('scc');
    expect(value(parseTransferTool('EU-US Data Privacy Framework'))).toBe('adekvansbeslut');
    expect(value(parseTransferTool('Bindande företagsbestämmelser (BCR)'))).toBe('bcr');
    expect(value(parseTransferTool(''))).toBeNull();
    expect(parseTransferTool('Avtal').ok).toBe(false);
    expect(value(parseStatus('Granskas av DSO'))).toBe('granskas');
    expect(value(parseStatus('godkänd'))).toBe('godkand');
    expect(value(parseStatus(''))).toBeNull();
    expect(value(parseDpia('Behövs inte'))).toBe('behovs_ej');
    expect(value(parseCriteria('9; Behandling i stor omfattning; sårbara registrerade; Uppgifter om sårbara registrerade (t.ex. barn, brukare, patienter)')))
      .toEqual(['stor_omfattning', 'sarbara_registrerade', 'hindrar_rattighet']);
    expect(parseCriteria('10').ok).toBe(false);
  });

  it('splits lists on semicolons or line breaks, else on commas outside parentheses', () => {
    expect(splitList('Elever; Vårdnadshavare')).toEqual(['Elever', 'Vårdnadshavare']);
    expect(splitList('Elever, Vårdnadshavare')).toEqual(['Elever', 'Vårdnadshavare']);
    expect(splitList('- Namn\n- Kontaktuppgifter (adress, telefon)\r\n• Personnummer')).toEqual(['Namn', 'Kontaktuppgifter (adress, telefon)', 'Personnummer']);
    expect(splitList('Kontakt (namn, adress), Personnummer')).toEqual(['Kontakt (namn, adress)', 'Personnummer']);
    expect(splitList('Namn, adress; Personnummer')).toEqual(['Namn, adress', 'Personnummer']);
    expect(splitList(' ; ')).toEqual([]);
  });

  it('uses the web app\'s labels, so the template writes what the page shows', () => {
    for (const [lang, i] of [['sv', 0], ['en', 1]] as const) {
      const words = JSON.parse(readFileSync(join(import.meta.dirname, '../../../web/i18n', lang, 'privacy.json'), 'utf8'));
      for (const [group, key] of [['legalBasis', 'legalBasis'], ['transferTool', 'transferTool'], ['status', 'status'], ['dpia', 'dpiaState'], ['criterion', 'criterion']] as const) {
        for (const [k, labels] of Object.entries(LABELS[group])) expect([group, k, labels[i]]).toEqual([group, k, words[key][k]]);
      }
    }
  });

  it('gives every header name to one column only (spaces, case and diacritics do not count: "Tredje land" is "Tredjeland"), and matches the page export\'s headers', () => {
    const keys = PRIVACY_COLUMNS.flatMap((c) => c.names.map((n) => looseKey(n)));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    for (const lang of ['sv', 'en']) {
      const words = JSON.parse(readFileSync(join(import.meta.dirname, '../../../web/i18n', lang, 'privacy.json'), 'utf8'));
      const header = PRIVACY_HEADER.map(Object.values(words.column) as string[]);
      expect(header.warnings).toEqual([]);
      expect(header.missing).toEqual([]);
    }
  });
});
