import type { CliCommand } from '../../../cli/registry';

/** `tillit import incidents …` (filled in by the import work). */
export const commands: CliCommand[] = [];
