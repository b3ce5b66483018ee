import type { CliEnv } from './context';

/** A `tillit` subcommand. `name` may have two words ("org add"). Domains add theirs in src/domains/<d>/cli.ts. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], env: CliEnv): Promise<number | void>;
}
