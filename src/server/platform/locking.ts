import { conflict } from './errors';

/** 409 for a stale update: both versions and the current record, never a silent overwrite. */
export function staleVersion(entity: string, yourVersion: number, current: { version: number } & Record<string, unknown>) {
  return conflict(
    'stale_version',
    {
      sv: `Posten (${entity}) har ändrats av någon annan: du ändrade version ${yourVersion}, nu gäller version ${current.version}. Ladda om och försök igen.`,
      en: `The ${entity} was changed by someone else: you edited version ${yourVersion}, it is now version ${current.version}. Reload and try again.`,
    },
    'version',
    { yourVersion, currentVersion: current.version, current },
  );
}
