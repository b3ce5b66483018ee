#!/usr/bin/env node
// Builds the web app (npm run build) when dist/web is missing or older than any of its sources.
// Used by `npm start`, so a fresh clone needs no separate build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'web', 'index.html');
const sources = ['index.html', 'vite.config.ts', 'scripts/vite-size-report.mjs', 'src/web', 'src/server/platform/permissions.ts'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const sourcesAt = Math.max(...sources.map((s) => newest(join(root, s))));
if (builtAt >= sourcesAt) process.exit(0);

console.log(
  builtAt === 0
    ? 'Webbgränssnittet är inte byggt – bygger nu. / The web app is not built – building now.'
    : 'Webbgränssnittet är äldre än källkoden – bygger om. / The web app is older than its sources – rebuilding.',
);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const r = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
