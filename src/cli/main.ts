import { cliEnv, reportError, type CliEnv } from './context';
import type { CliCommand } from './registry';
import { platformCommands } from './commands';
import { loadDomainFiles } from '../server/platform/modules';
import { ConfigError } from '../server/platform/config';
import { isMainThread, workerData } from 'node:worker_threads';
import { RENDER_ROLE } from '../domains/reports/render/role';

// The bundle of this file is also the document renderer's worker thread (domains/reports/render/pool.ts).
if (!isMainThread && (workerData as { role?: string } | null)?.role === RENDER_ROLE) {
  (await import('../domains/reports/render/pool')).serveRenders();
}

async function allCommands(): Promise<CliCommand[]> {
  const domain = await loadDomainFiles<{ commands?: CliCommand[] }>('cli');
  return [...platformCommands, ...domain.flatMap((d) => d.mod.commands ?? [])];
}

function help(env: CliEnv, cmds: CliCommand[]) {
  env.out('Tillit – ledningssystem för informationssäkerhet / information security management system\n');
  env.out('Användning / usage: tillit <kommando/command> [argument]\n');
  for (const c of cmds) env.out(`  ${c.usage}\n      ${c.summary}`);
  env.out('\nDatabas / database: TILLIT_DATA_DIR (PGlite, standard ./data) eller/or DATABASE_URL (PostgreSQL).');
}

/** Entry point of the `tillit` command; returns the exit code. */
export async function main(argv: string[], given?: CliEnv): Promise<number> {
  let env: CliEnv;
  try {
    env = given ?? cliEnv();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return reportError({ err: (l) => process.stderr.write(l + '\n') }, err);
  }
  const cmds = await allCommands();
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    help(env, cmds);
    return argv.length === 0 ? 2 : 0;
  }
  const two = argv.slice(0, 2).join(' ');
  const cmd = cmds.find((c) => c.name === two) ?? cmds.find((c) => c.name === argv[0]);
  if (!cmd) {
    const group = cmds.filter((c) => c.name.startsWith(argv[0] + ' '));
    env.err(`fel: okänt kommando "${argv.slice(0, 2).join(' ')}".`);
    env.err(`error: unknown command "${argv.slice(0, 2).join(' ')}".`);
    for (const c of group.length ? group : cmds) env.err(`  ${c.usage}`);
    return 2;
  }
  const rest = argv.slice(cmd.name.split(' ').length);
  if (rest.includes('--help')) {
    env.out(`${cmd.usage}\n  ${cmd.summary}`);
    return 0;
  }
  try {
    const code = await cmd.run(rest, env);
    return typeof code === 'number' ? code : 0;
  } catch (err) {
    return reportError(env, err);
  }
}
