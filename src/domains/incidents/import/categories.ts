import type { Db } from '../../../server/platform/db';
import { categoriesFor, categoryKey as key } from '../categories';
import type { ImportRow } from './validate';
import { memo } from './values';

/**
 * An imported Kategori is free text, but one that names a category of the organisation's list in other letter case
 * or spacing ("fel mottagare", "NÄTFISKE") is stored with the list's spelling. Kept as written, it was a category of
 * its own: counted apart from its namesake in the statistics and missed by the list's filter. Others stay as written.
 */
export async function categorySpelling(db: Db, orgPath: string): Promise<(row: ImportRow) => ImportRow> {
  const names = new Map((await categoriesFor(db, orgPath)).map((c) => [key(c.name), c.name]));
  // A file repeats a handful of categories: each written form is looked up once (keying normalises the text).
  const listedAs = memo((category) => names.get(key(category)) ?? null);
  return (row) => {
    const listed = row.category ? listedAs(row.category) : null;
    return listed && listed !== row.category ? { ...row, category: listed } : row;
  };
}
