import { expect } from 'vitest';

/**
 * A register import's upload refuses what is no sheet, as the incident import does: an empty file (422), the old
 * .xls format, binary data and a form upload (415). `send` posts a body with its content type to the import;
 * `howTo` is what the binary file's message advises.
 */
export async function expectNoSheetRefused(send: (body: string | Buffer, type?: string) => Promise<{ status: number; body: any }>, howTo: string) {
  expect((await send('')).status).toBe(422);
  const xls = await send(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'application/vnd.ms-excel');
  expect(xls.status).toBe(415);
  expect(xls.body.detail_sv).toContain('.xls');
  const bin = await send(Buffer.alloc(100, 0), 'application/octet-stream');
  expect(bin.status).toBe(415);
  expect(bin.body.detail_sv).toContain(howTo);
  expect((await send('x', 'multipart/form-data; boundary=x')).status).toBe(415);
}

/**
 * A register import's two ways past bad rows: a dry run with skipInvalid answers the counts and writes nothing
 * (`tableCounts` still `before`), then the import with skipInvalid writes the valid rows and answers the same
 * counts. `upload` posts the file with the query's extra parameters.
 */
export async function expectDryRunThenSkip(
  upload: (params: string) => Promise<{ status: number; body: any }>,
  counts: Record<string, number>,
  tableCounts: () => Promise<unknown>,
  before: unknown,
) {
  const dry = await upload('skipInvalid=true&dryRun=true');
  expect(dry.status).toBe(200);
  expect(dry.body).toMatchObject(counts);
  expect(await tableCounts()).toEqual(before);
  const skip = await upload('skipInvalid=true');
  expect(skip.status).toBe(200);
  expect(skip.body).toMatchObject(counts);
}
