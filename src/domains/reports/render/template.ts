import { randomBytes } from 'node:crypto';
import type { ReportJson } from '../build';
import { STATUS_LABELS, svDate, visibleSections } from '../blocks';
import { CHART_IDS, renderCharts } from '../charts';
import { docToText } from '../richtext';

/** docx-templates (with its zip and XML libraries) is loaded when a template is first used, not at every start. */
const engine = () => import('docx-templates');

/** Placeholders are written {like this} in the Word document; see docs/report-templates.md. */
export const DELIMITER: [string, string] = ['{', '}'];

// A 1×1 white PNG: stands in for a chart whose figures are missing, so {IMAGE charts.x} never fails.
const BLANK_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/w8AAgMBgM3xT8sAAAAASUVORK5CYII=', 'base64');

/** The data a template sees: the report JSON plus ready-made rows, texts and chart images. */
export function templateData(json: ReportJson) {
  const charts = new Map(renderCharts(json, { png: true }).map((c) => [c.id, c]));
  const chartData = Object.fromEntries(CHART_IDS.map((id) => {
    const c = charts.get(id);
    return [id, c?.png
      ? { width: 16, height: Math.round((16 * c.height) / c.width * 10) / 10, data: c.png, extension: '.png', alt: c.alt, caption: c.title }
      : { width: 0.1, height: 0.1, data: BLANK_PNG, extension: '.png', alt: '', caption: '' }];
  }));
  const sections = visibleSections(json).map(({ section, number, blocks }) => ({
    id: section.id,
    number,
    title: section.title,
    level: section.level,
    heading: `${number} ${section.title}`,
    text: docToText(section.narrative),
    paragraphs: docToText(section.narrative).split('\n').filter(Boolean),
    tables: blocks.filter((b) => b.kind === 'table').map((b) => ({ caption: b.caption, columns: b.columns, rows: b.rows.map((r) => r.map((c) => c.text)) })),
  }));
  return {
    ...json,
    asOfText: svDate(json.asOf),
    generatedText: svDate(json.generatedAt),
    statusText: STATUS_LABELS[json.status] ?? json.status,
    approvalText: json.approval ? `Godkänd av ${json.approval.by} den ${svDate(json.approval.at)}` : '',
    sections,
    charts: chartData,
  };
}

const REF = String.raw`\$?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\]|\['[^'\\]*'\])*`;
const PATH = `!?${REF}`;
const LITERAL = String.raw`(?:-?\d+(?:\.\d+)?|'[^'\\]*'|true|false|null)`;
const EXPR = new RegExp(`^\\s*${PATH}(?:\\s*(?:===|!==|==|!=|>=|<=|>|<)\\s*(?:${LITERAL}|${REF}))?\\s*$`);
const FOR = new RegExp(`^\\s*[A-Za-z_][A-Za-z0-9_]*\\s+IN\\s+${REF}\\s*$`);
const ALLOWED = new Set(['INS', 'FOR', 'END-FOR', 'IF', 'END-IF', 'IMAGE']);

export interface TemplateProblem { placeholder: string; message_sv: string; message_en: string }

/** Checks a template: it must be a DOCX, its placeholders must parse, use only safe commands, and render a sample. */
export async function checkTemplate(docx: Buffer, sample: ReportJson): Promise<{ problems: TemplateProblem[]; commands: { type: string; code: string }[] }> {
  const problems: TemplateProblem[] = [];
  if (docx.subarray(0, 4).toString('binary') !== 'PK\u0003\u0004') {
    return { commands: [], problems: [{ placeholder: '', message_sv: 'Filen är inte ett Word-dokument (DOCX).', message_en: 'The file is not a Word document (DOCX).' }] };
  }
  let commands: { type: string; code: string; raw: string }[];
  try {
    commands = await (await engine()).listCommands(docx as unknown as ArrayBuffer, DELIMITER);
  } catch (err) {
    return { commands: [], problems: [{ placeholder: '', message_sv: `Mallen kan inte läsas: ${(err as Error).message}`, message_en: `The template cannot be read: ${(err as Error).message}` }] };
  }
  const stack: { type: string; raw: string }[] = [];
  for (const c of commands) {
    const raw = c.type === 'INS' ? `{${c.code}}` : `{${c.raw}}`;
    if (!ALLOWED.has(c.type)) {
      problems.push({ placeholder: raw, message_sv: `Kommandot ${c.type} är inte tillåtet (tillåtna: ${[...ALLOWED].join(', ')}).`, message_en: `Command ${c.type} is not allowed (allowed: ${[...ALLOWED].join(', ')}).` });
      continue;
    }
    if (c.type === 'FOR' && !FOR.test(c.code)) problems.push({ placeholder: raw, message_sv: 'FOR ska skrivas "FOR rad IN lista".', message_en: 'FOR must read "FOR row IN list".' });
    else if ((c.type === 'INS' || c.type === 'IF' || c.type === 'IMAGE') && !EXPR.test(c.code)) {
      problems.push({ placeholder: raw, message_sv: 'Bara fältnamn (t.ex. incidents.total, $rad.status) och enkla jämförelser är tillåtna.', message_en: 'Only field names (e.g. incidents.total, $row.status) and simple comparisons are allowed.' });
    }
    if (c.type === 'FOR' || c.type === 'IF') stack.push({ type: c.type, raw });
    if (c.type === 'END-FOR' || c.type === 'END-IF') {
      const open = stack.pop();
      if (!open || `END-${open.type}` !== c.type) problems.push({ placeholder: raw, message_sv: `${c.type} saknar motsvarande ${c.type.slice(4)}.`, message_en: `${c.type} has no matching ${c.type.slice(4)}.` });
    }
  }
  for (const open of stack) problems.push({ placeholder: open.raw, message_sv: `${open.type} avslutas aldrig (END-${open.type} saknas).`, message_en: `${open.type} is never closed (END-${open.type} missing).` });
  if (!problems.length) {
    try {
      await renderTemplate(docx, sample);
    } catch (err) {
      for (const e of Array.isArray(err) ? err : [err]) {
        const m = (e as Error).message ?? String(e);
        problems.push({ placeholder: /"([^"]+)"|'([^']+)'/.exec(m)?.[1] ?? '', message_sv: `Mallen går inte att fylla i med exempeldata: ${m}`, message_en: `The template fails with sample data: ${m}` });
      }
    }
  }
  return { problems, commands: commands.map((c) => ({ type: c.type, code: c.code })) };
}

/** Fills an uploaded template with the report's data. */
export async function renderTemplate(docx: Buffer, json: ReportJson): Promise<Buffer> {
  const out = await (await engine()).createReport({
    template: docx,
    data: templateData(json),
    cmdDelimiter: DELIMITER,
    failFast: false,
    rejectNullish: true,
    processLineBreaks: true,
    fixSmartQuotes: true,
    // docx-templates inserts text between two of these as raw WordprocessingML ("||" by default). Report data is
    // written by many users: a DSO recommendation "||<w:fldChar …/>…||" put a field into the approved review that
    // Word fetched from another host on opening. A delimiter nobody can know makes every value plain text.
    literalXmlDelimiter: `\u{10FFFD}${randomBytes(16).toString('hex')}\u{10FFFD}`,
  });
  return Buffer.from(out);
}
