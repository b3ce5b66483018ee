/** The leverantörsregister's cell values (pure): organisation number, PUB-avtal, transfer tool, sub-suppliers, Tredjeland, system names. */
import { describe, expect, it } from 'vitest';
import { formatSubSuppliers, parseAssessmentResult, parseOrgNumber, parsePub, parseSubSuppliers, parseThirdCountries, parseTransferTool, splitNames } from './values';

const value = <T>(p: { ok: true; value: T } | { ok: false }) => (p.ok ? p.value : 'FAIL');

describe('leverantörsregister cell values', () => {
  it('reads an organisation number with or without hyphen and names the right check digit of a wrong one', () => {
    expect(value(parseOrgNumber('556036-0793'))).toBe('556036-0793');
    expect(value(parseOrgNumber(' 556036 0793 '))).toBe('556036-0793');
    expect(value(parseOrgNumber(2120000142))).toBe('212000-0142');
    expect(value(parseOrgNumber(''))).toBeNull();
    const wrong = parseOrgNumber('5560360790');
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.msg.sv).toContain('ska sista siffran vara 3, inte 0');
    expect(parseOrgNumber('55603-0793').ok).toBe(false);
  });

  it('reads PUB-avtal, transfer tools and assessment results in stored words, labels and common spellings', () => {
    expect(['Ja', 'Ja, tecknat', 'yes, signed', 'Nej', 'saknas', 'Ej tillämpligt', '-', 'N/A', ''].map((w) => value(parsePub(w))))
      .toEqual(['ja', 'ja', 'ja', 'nej', 'nej', 'ej_tillampligt', 'ej_tillampligt', 'ej_tillampligt', 'nej']);
    expect(['SCC', 'Standardavtalsklausuler (SCC)', 'standard contractual clauses', 'BCR', 'Bindande företagsbestämmelser', 'Adekvansbeslut', 'Annat stöd i kapitel V', '']
      .map((w) => value(parseTransferTool(w)))).toEqual(['scc', 'scc', 'scc', 'bcr', 'bcr', 'adekvansbeslut', 'annat', null]);
    expect(parseTransferTool('avtal').ok).toBe(false);
    expect(['Godtagbar', 'brister', 'Ej godtagbar', 'Not acceptable', ''].map((w) => value(parseAssessmentResult(w)))).toEqual(['godtagbar', 'brister', 'ej_godtagbar', 'ej_godtagbar', null]);
  });

  it('reads sub-suppliers "Namn: tjänst (land, utan avtal)" separated by ; or line breaks, and writes them back the same way', () => {
    const subs = value(parseSubSuppliers('Datacenter AB: Drift (Sverige, utan avtal);Support Ltd (Indien)\r\n Molnbolaget ; ; Ett till: Support'));
    expect(subs).toEqual([
      { name: 'Datacenter AB', service: 'Drift', country: 'Sverige', withoutContract: true },
      { name: 'Support Ltd', service: '', country: 'Indien', withoutContract: false },
      { name: 'Molnbolaget', service: '', country: '', withoutContract: false },
      { name: 'Ett till', service: 'Support', country: '', withoutContract: false },
    ]);
    expect(value(parseSubSuppliers(formatSubSuppliers(subs as never)))).toEqual(subs);
    expect(value(parseSubSuppliers('X (Without contract)'))).toEqual([{ name: 'X', service: '', country: '', withoutContract: true }]);
    expect(parseSubSuppliers('(Sverige)').ok).toBe(false);
    expect(parseSubSuppliers('Bra AB (Sverige').ok).toBe(false);
  });

  it('reads the page export\'s Tredjeland cell and splits system names at ; , and line breaks, keeping a known name whole', () => {
    expect(parseThirdCountries('Nej')).toEqual({ transfer: false, tool: undefined });
    expect(parseThirdCountries('Ja (Standardavtalsklausuler (SCC))')).toEqual({ countries: '', transfer: true, tool: 'scc' });
    expect(parseThirdCountries('USA, Indien (Adekvansbeslut)')).toEqual({ countries: 'USA, Indien', transfer: true, tool: 'adekvansbeslut' });
    expect(parseThirdCountries('Storbritannien (London)')).toEqual({ countries: 'Storbritannien (London)', transfer: true, tool: undefined });
    expect(parseThirdCountries('')).toEqual({ countries: '' });
    const known = (n: string) => n === 'Lifecare, mobil';
    expect(splitNames('Procapita, Diariet; Lifecare, mobil\nW3D3', known)).toEqual(['Procapita', 'Diariet', 'Lifecare, mobil', 'W3D3']);
  });
});
