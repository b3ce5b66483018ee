/** Opening an import file closes it again, whether its rows are read or the file is refused at its header. */
import { mkdtempSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { headerReader } from './header';
import { openTable } from './open';
import { inspectFile } from './source';

const reader = headerReader([
  { field: 'id', names: ['Ärende-ID'], required: true },
  { field: 'title', names: ['Rubrik'], required: true },
]);
const howTo = { sv: 'Exportera som CSV.', en: 'Export as CSV.' };

/** The process's open files that are `path` (Linux: /proc/self/fd). A stream closes its file a moment after it ends. */
const openCopies = (path: string) =>
  readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;

const closed = (path: string) => vi.waitFor(() => expect(openCopies(path)).toBe(0), { timeout: 2_000 });

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tillit-open-')), 'fil.csv');
  writeFileSync(path, text);
  return path;
}

describe.skipIf(process.platform !== 'linux')('openTable', () => {
  it('closes the file when the header lacks a column and the rows are never read', async () => {
    // Longer than the reader's first chunk, so the stream is still open after the header.
    const path = file(`Ärende-ID;Status\n${'IA-1;Klar\n'.repeat(100_000)}`);
    const opened = await openTable(path, await inspectFile(path), reader, howTo);
    expect(opened.header.missing).toEqual(['Rubrik']);
    expect(openCopies(path)).toBe(1);
    await opened.records.return(undefined);
    await closed(path);
  });

  it('closes the file when the rows are read to the end, and when reading stops early', async () => {
    const path = file(`Ärende-ID;Rubrik\n${'IA-1;A\n'.repeat(100_000)}`);
    const all = await openTable(path, await inspectFile(path), reader, howTo);
    let n = 0;
    for await (const _ of all.records) n++;
    expect(n).toBe(100_000);
    await closed(path);
    const some = await openTable(path, await inspectFile(path), reader, howTo);
    for await (const _ of some.records) break;
    await closed(path);
  });
});
