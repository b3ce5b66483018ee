import type { CliCommand } from '../../cli/registry';
import { commands as importCommands } from './import/cli';

export const commands: CliCommand[] = [...importCommands];
