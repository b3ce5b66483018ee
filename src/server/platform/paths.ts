import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installation's root folder (package.json, migrations/): found by walking up from this module, so the same
 * code works from the sources (src/server/platform) and from the bundle (dist/cli, scripts/build-cli.mjs).
 */
export const PROJECT_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`Tillit: no installation root (package.json and migrations/) above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
})();
