import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ZipFile } from '../../server/platform/tabular/zip';

/** A ZIP archive's entries (enough to inspect DOCX files), read with the import's zip reader. */
export async function readZip(buf: Buffer): Promise<Map<string, Buffer>> {
  const dir = await mkdtemp(join(tmpdir(), 'tillit-zip-'));
  const path = join(dir, 'archive.zip');
  try {
    await writeFile(path, buf);
    const zip = await ZipFile.open(path);
    try {
      const out = new Map<string, Buffer>();
      for (const name of zip.names) {
        const parts: Buffer[] = [];
        for await (const chunk of zip.stream(zip.get(name)!)) parts.push(chunk);
        out.set(name, Buffer.concat(parts));
      }
      return out;
    } finally {
      await zip.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
