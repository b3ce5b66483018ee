// The `tillit` command and server as one JavaScript file (dist/cli/tillit.mjs), bundled from src/ by esbuild with
// most npm packages left in node_modules (BUNDLED_PACKAGES below). Starting from it skips the TypeScript loader's
// per-file transform and Node's package.json look-up for every ES module: `tillit serve` on the demo data
// directory was ready in 2.9 s from the sources and 1.1–1.2 s from the bundle on a 2-core machine
// (bench/results/server-ready.json).
//
// ensureCliBundle() rebuilds it when it is missing or anything it is made of has changed (sourcesDigest), so a
// fresh clone, a `git pull`, an unpacked release or an edited source file needs no build step; concurrent
// commands may build at once (each writes its own file and renames it into place).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(root, 'dist', 'cli', 'tillit.mjs');
const STAMP = join(root, 'dist', 'cli', 'tillit.sources');
// What the bundle is made of: the sources, and the installed packages it holds (npm rewrites its hidden lockfile
// node_modules/.package-lock.json on every install or update).
const SOURCES = ['src', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'tsconfig.json', 'scripts/build-cli.mjs'];
// The files a domain may provide (src/server/platform/modules.ts).
const DOMAIN_FILES = JSON.parse(readFileSync(join(root, 'src', 'server', 'platform', 'domain-files.json'), 'utf8'));
const SKIP = new Set([join(root, 'src', 'web')]);

/**
 * What the bundle was built from: every source file's path, size and modification time, hashed. The bundle is
 * current only while this is unchanged, so a file that is edited, added, removed, or replaced by an older copy
 * (a release archive unpacked over an installation keeps its own times) all lead to a rebuild.
 */
function sourcesDigest() {
  const hash = createHash('sha256');
  const walk = (path) => {
    if (SKIP.has(path) || !existsSync(path)) return;
    const st = statSync(path);
    if (!st.isDirectory()) {
      hash.update(`${relative(root, path)}\0${st.size}\0${st.mtimeMs}\n`);
      return;
    }
    for (const name of readdirSync(path).sort()) walk(join(path, name));
  };
  for (const s of SOURCES) walk(join(root, s));
  return hash.digest('hex');
}

export function cliBundleIsCurrent() {
  if (!existsSync(CLI_BUNDLE) || !existsSync(STAMP)) return false;
  return readFileSync(STAMP, 'utf8') === sourcesDigest();
}

/** Every domain's top-level modules as lazy static imports, in place of modules.ts's look at the source tree. */
function domainFilesPlugin() {
  const domainsDir = join(root, 'src', 'domains');
  return {
    name: 'tillit-domain-files',
    setup(build) {
      build.onResolve({ filter: /\/bundled-domains$/ }, () => ({ path: 'bundled-domains', namespace: 'tillit' }));
      build.onLoad({ filter: /.*/, namespace: 'tillit' }, () => {
        const entries = readdirSync(domainsDir, { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => {
            const files = DOMAIN_FILES.map((f) => `${f}.ts`)
              .filter((f) => existsSync(join(domainsDir, d.name, f)))
              .map((f) => `${JSON.stringify(f.slice(0, -3))}: () => import(${JSON.stringify('./' + relative(root, join(domainsDir, d.name, f)))})`);
            return `${JSON.stringify(d.name)}: { ${files.join(', ')} }`;
          });
        return { contents: `export const bundledDomainFiles = { ${entries.join(',\n')} };`, resolveDir: root, loader: 'js' };
      });
    },
  };
}

/**
 * Pure-JavaScript packages with many ES modules go into the bundle: Node's ESM loader reads the package.json
 * scope of every module it resolves, and drizzle-orm's is 179 KB (half a second of a server start). They are
 * taken together with what they share (zod with the OpenAPI layer, hono with its node server) so no package
 * exists twice. Everything else (native addons, wasm, fonts, lazily loaded document libraries) stays in
 * node_modules.
 */
const BUNDLED_PACKAGES = new Set(['drizzle-orm', 'zod', 'hono', '@hono/node-server', '@hono/zod-openapi', '@asteasolutions/zod-to-openapi', 'openapi3-ts', 'yaml', '@hono/zod-validator']);

function packagesPlugin() {
  return {
    name: 'tillit-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('node:')) return { path: args.path, external: true };
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        return BUNDLED_PACKAGES.has(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/**
 * Builds the bundle (with its source map, for `NODE_OPTIONS=--enable-source-maps`); returns its path. One file:
 * esbuild's code splitting reorders the OpenAPI layer's extension of zod after the schemas that use it.
 * The map is written first and each file appears whole (rename), so a command starting while another rebuilds
 * finds either bundle complete.
 */
export async function buildCliBundle() {
  const { build } = await import('esbuild');
  const digest = sourcesDigest(); // before reading them: a source changed during the build means another build
  mkdirSync(dirname(CLI_BUNDLE), { recursive: true });
  const result = await build({
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    outfile: CLI_BUNDLE,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'error',
    plugins: [domainFilesPlugin(), packagesPlugin()],
  });
  const files = [...result.outputFiles].sort((a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')));
  // The stamp last: a build cut short leaves the old stamp, and the next command builds again.
  for (const [path, contents] of [...files.map((f) => [f.path, f.contents]), [STAMP, digest]]) {
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, contents);
      renameSync(tmp, path);
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  return CLI_BUNDLE;
}

export async function ensureCliBundle() {
  if (!cliBundleIsCurrent()) await buildCliBundle();
  return CLI_BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  await buildCliBundle();
  console.log(`${relative(process.cwd(), CLI_BUNDLE)} (${Math.round(performance.now() - t0)} ms)`);
}
