import type { ReactNode } from 'react';
import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Register, type RegisterProps } from './Register';

/** RegisterProps without the keys the page supplies (distributed over its client and paged forms). */
type PageOwned<P> = P extends unknown ? Omit<P, 'label' | 'exportName' | 'emptyText'> : never;

export type RegisterPageProps<T, C> = PageOwned<RegisterProps<T, C>> & {
  /** The page's i18n namespace: its `title`, `intro` ({{org}}), `registerLabel` ({{org}}) and `empty` texts. */
  ns: string;
  /** The key of the empty register's text in `ns` when not `empty` (e.g. for one who cannot add what it suggests). */
  emptyKey?: string;
  org: { slug: string; name: string };
  /** Export file name: `${exportPrefix}-${org.slug}`, then `-${exportSuffix}` when given. */
  exportPrefix: string;
  exportSuffix?: string | number;
  /** Between the introduction and the register (e.g. filters). */
  filters?: ReactNode;
  /** After the register (details, dialogs). */
  children?: ReactNode;
};

/** A page of one organisation's register: heading, introduction, the register named after the organisation, and more. */
export function RegisterPage<T, C = string | number>({ ns, emptyKey = 'empty', org, exportPrefix, exportSuffix, filters, children, ...register }: RegisterPageProps<T, C>) {
  const { t } = useTranslation(ns);
  const exportName = [exportPrefix, org.slug, ...(exportSuffix === undefined ? [] : [exportSuffix])].join('-');
  return (
    <Stack>
      <Title order={1}>{t('title')}</Title>
      <Text c="dimmed">{t('intro', { org: org.name })}</Text>
      {filters}
      <Register<T, C> {...(register as RegisterProps<T, C>)} label={t('registerLabel', { org: org.name })} exportName={exportName} emptyText={t(emptyKey)} />
      {children}
    </Stack>
  );
}
