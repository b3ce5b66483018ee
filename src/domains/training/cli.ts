import type { CliCommand } from '../../cli/registry';
import { trainingImportCommand } from './import/cli';

/** The training domain's commands: the e-course completion import (import/cli.ts). */
export const commands: CliCommand[] = [trainingImportCommand];
