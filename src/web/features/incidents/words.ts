import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { KIND_KEY, STATUS_KEY, type Status } from './types';

/** The API's "not given" for an incident without kind or category (domains/incidents/stats.ts UNSET). */
export const UNSET = 'Ej angiven';

/** The Swedish data words of incidents (statuses, kinds, "Ej angiven") in the user's language. */
export function useDataWords() {
  const { t } = useTranslation('incidents');
  return useMemo(() => {
    const word = (w: string): string => {
      if (w === UNSET) return t('unsetValue');
      if (STATUS_KEY[w as Status]) return t(`status.${STATUS_KEY[w as Status]}`);
      if (KIND_KEY[w]) return t(`kind.${KIND_KEY[w]}`);
      return w;
    };
    return { word };
  }, [t]);
}
