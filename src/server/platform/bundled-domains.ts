/**
 * The domain files of a bundled build (scripts/build-cli.mjs): `{ domain: { file: load } }`. From the sources
 * (tests, tsx) this stays null and modules.ts finds the files on disk; the bundler replaces this module with the
 * same folders' files as static imports, so a bundle needs no source tree.
 */
export const bundledDomainFiles: Record<string, Record<string, () => Promise<unknown>>> | null = null;
