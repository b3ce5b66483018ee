import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './context';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict argument parsing with errors in both languages. */
export function parse<O extends Options>(args: string[], options: O, positionals: string[], usage: string) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    const { sv, en } = parseArgsMessage(err as NodeJS.ErrnoException);
    throw new CliError(`${sv}\nAnvändning: ${usage}`, `${en}\nUsage: ${usage}`);
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

/** node:util parseArgs refusals in both languages (its own messages are English only). */
function parseArgsMessage(err: NodeJS.ErrnoException): { sv: string; en: string } {
  const option = /'(-[^' ]+)/.exec(err.message)?.[1] ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return { sv: `okänt alternativ ${option}.`, en: `unknown option ${option}.` };
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(err.message)
        ? { sv: `${option} saknar värde.`, en: `${option} needs a value.` }
        : { sv: `${option} tar inget värde.`, en: `${option} takes no value.` };
    default:
      return { sv: err.message, en: err.message };
  }
}
