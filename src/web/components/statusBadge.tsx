import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A register's status badge: the status's words from `ns` (`status.<value>`) in its colour. One component per
 * register, made here: `const StatusBadge = statusBadge('plans', { planerad: 'gray', … })`.
 */
export function statusBadge<S extends string>(ns: string, colors: Record<S, string>) {
  return function StatusBadge({ status }: { status: S }) {
    const { t } = useTranslation(ns);
    return (
      <Badge color={colors[status]} variant="light" tt="none">
        {t(`status.${status}`)}
      </Badge>
    );
  };
}
