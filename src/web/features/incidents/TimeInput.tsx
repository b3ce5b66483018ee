import { Group, Radio, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { instantsOf } from './util';

/**
 * A Stockholm wall-clock time field. In the hour repeated when the clocks go back in October (02:00–02:59 occurs
 * twice) it asks which one: summer time, the earlier, as the server reads a time without offset, or winter time,
 * sent with "+01:00" (the value is then "YYYY-MM-DDTHH:MM+01:00"; util.ts toTimeValue).
 */
export function StockholmTimeInput({ label, description, value, onChange, error }: {
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const { t } = useTranslation('incidents');
  const local = value.slice(0, 16);
  const twice = instantsOf(local).length === 2;
  return (
    <Stack gap={4}>
      <TextInput type="datetime-local" label={label} description={description} value={local} onChange={(e) => onChange(e.currentTarget.value)} error={error} />
      {twice && (
        <Radio.Group
          label={t('time.twice', { time: local.replace('T', ' ') })}
          value={value.endsWith('+01:00') ? 'winter' : 'summer'}
          onChange={(v) => onChange(v === 'winter' ? `${local}+01:00` : local)}
        >
          <Group gap="md" mt={4}>
            <Radio value="summer" label={t('time.summer')} />
            <Radio value="winter" label={t('time.winter')} />
          </Group>
        </Radio.Group>
      )}
    </Stack>
  );
}
