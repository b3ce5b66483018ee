import { gzipSync } from 'node:zlib';

/**
 * Prints the gzip size of the initial JavaScript (the entry chunk and the chunks it imports statically),
 * which is what a browser must download before the first screen. Lazy (dynamic) chunks are not counted.
 * @param {{ budgetKb: number }} opts
 * @returns {import('vite').Plugin}
 */
export function initialJsSizeReport(opts) {
  return {
    name: 'tillit-initial-js-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      /** @type {Map<string, { code: string, imports: string[], isEntry: boolean }>} */
      const chunks = new Map();
      for (const [file, out] of Object.entries(bundle)) {
        if (out.type === 'chunk') chunks.set(file, { code: out.code, imports: out.imports, isEntry: out.isEntry });
      }
      const initial = new Set();
      /** @param {string} file */
      const visit = (file) => {
        if (initial.has(file)) return;
        initial.add(file);
        for (const dep of chunks.get(file)?.imports ?? []) visit(dep);
      };
      for (const [file, c] of chunks) if (c.isEntry) visit(file);
      let raw = 0;
      let gz = 0;
      for (const file of initial) {
        const code = chunks.get(file).code;
        raw += Buffer.byteLength(code);
        gz += gzipSync(code, { level: 9 }).length;
      }
      const kb = (/** @type {number} */ n) => (n / 1024).toFixed(1);
      const over = gz / 1024 > opts.budgetKb;
      const line =
        `Initial JS / initial JS: ${kb(gz)} KB gzip (${kb(raw)} KB raw, ${initial.size} chunk(s)); ` +
        `budget ${opts.budgetKb} KB gzip${over ? ' — ÖVER BUDGET / OVER BUDGET' : ''}`;
      console.log(`\n${line}`);
      if (over) this.warn(line);
    },
  };
}
