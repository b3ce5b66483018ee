import type { CliCommand } from '../../cli/registry';
import { supplierImportCommand } from './import/cli';

/** The leverantörsregister's commands: its import (import/cli.ts). */
export const commands: CliCommand[] = [supplierImportCommand];
