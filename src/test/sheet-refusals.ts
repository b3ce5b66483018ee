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
