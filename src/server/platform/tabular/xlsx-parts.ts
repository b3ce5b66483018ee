/**
 * The XML parts of an XLSX archive: each streamed through a SAX parser, their relationships resolved to part paths.
 * Malformed XML, and a run of text no Excel cell can hold, are an AppError naming the part.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { AppError } from '../errors';
import type { ProgressFn } from './source';
import { xlsxError, type ZipEntry, type ZipFile } from './zip';

export const localName = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** The parts' paths in the archive: relative to the part whose relationships name them, or absolute. */
export function resolve(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function relsOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

type XmlOptions = { xmlns: false; position: false };

/**
 * The most characters of text (or of one tag) between two XML tags. An Excel cell holds at most 32,767 characters,
 * which escaped (&amp; …) stay far below this; the SAX parser would otherwise keep a longer run in memory whole.
 */
const MAX_XML_RUN = 1_000_000;
export type Handlers = (parser: SaxesParser<XmlOptions>) => void;

/**
 * Feeds an XML part to a SAX parser set up by `setup`, chunk by chunk; yields after each chunk so the caller
 * can take what the handlers produced. Malformed XML is an AppError naming the part.
 */
export async function* parsePart(zip: ZipFile, entry: ZipEntry, setup: Handlers, onBytes?: ProgressFn): AsyncGenerator<void> {
  const parser = new SaxesParser<XmlOptions>({ xmlns: false, position: false });
  setup(parser);
  let decoder: TextDecoder | undefined;
  let run = 0;
  try {
    for await (const chunk of zip.stream(entry, onBytes)) {
      // XML may be UTF-16 (with a byte order mark); OOXML writers use UTF-8. A UTF-8 BOM is dropped.
      decoder ??= new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : 'utf-8');
      const text = decoder.decode(chunk, { stream: true });
      const mark = Math.max(text.lastIndexOf('<'), text.lastIndexOf('>'));
      run = mark === -1 ? run + text.length : text.length - mark - 1;
      if (run > MAX_XML_RUN) {
        throw xlsxError(
          `delen "${entry.name}" har en text på över ${MAX_XML_RUN.toLocaleString('sv-SE')} tecken i ett stycke; ingen cell i Excel rymmer så mycket (en skadad eller manipulerad fil).`,
          `part "${entry.name}" has a text of over ${MAX_XML_RUN.toLocaleString('en')} characters in one piece; no Excel cell holds that much (a damaged or crafted file).`,
        );
      }
      parser.write(text);
      yield;
    }
    if (decoder) parser.write(decoder.decode());
    parser.close();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw xlsxError(`delen "${entry.name}" är ingen giltig XML.`, `part "${entry.name}" is not valid XML.`);
  }
}

export async function readPart(zip: ZipFile, entry: ZipEntry, setup: Handlers, onBytes?: ProgressFn): Promise<void> {
  for await (const _ of parsePart(zip, entry, setup, onBytes));
}

/** Relationship id → { type, target part } of a part's .rels (none when it has none). */
export async function readRels(zip: ZipFile, part: string): Promise<Map<string, { type: string; target: string }>> {
  const rels = new Map<string, { type: string; target: string }>();
  const entry = zip.get(relsOf(part));
  if (!entry) return rels;
  await readPart(zip, entry, (p) => p.on('opentag', (tag: SaxesTagPlain) => {
    if (localName(tag.name) !== 'Relationship') return;
    const a = tag.attributes;
    if (a.TargetMode === 'External' || !a.Id || !a.Target) return;
    rels.set(a.Id, { type: a.Type ?? '', target: resolve(part, a.Target) });
  }));
  return rels;
}
