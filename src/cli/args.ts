import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './context';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict argument parsing with errors in both languages. */
export function parse<O extends Options>(args: string[], options: O, positionals: string[], usage: string) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\nAnvändning: ${usage}`, `${(err as Error).message}\nUsage: ${usage}`);
  }
  if (parsed.positionals.length < positionals.length) {
    const missing = positionals.slice(parsed.positionals.length).join(' ');
    throw new CliError(`saknar ${missing}. Användning: ${usage}`, `missing ${missing}. Usage: ${usage}`);
  }
  if (parsed.positionals.length > positionals.length) {
    const extra = parsed.positionals.slice(positionals.length).join(' ');
    throw new CliError(`okända argument: ${extra}. Användning: ${usage}`, `unexpected arguments: ${extra}. Usage: ${usage}`);
  }
  return { values: parsed.values as { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string }, positionals: parsed.positionals };
}
