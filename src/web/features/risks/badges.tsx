import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Action, Band } from './types';
import './risks.css';

/** The IKP proposal: text and colour ("Till IKP" / "Endast VoR"), never colour alone. */
export function IkpBadge({ proposed }: { proposed: boolean }) {
  const { t } = useTranslation('risks');
  return proposed ? (
    <Badge color="red.9" variant="filled" tt="none">
      {t('ikp.proposed')}
    </Badge>
  ) : (
    <Badge color="gray" variant="outline" tt="none">
      {t('ikp.notProposed')}
    </Badge>
  );
}

/** A riskvärde on its band's colour, with the band's label for screen readers and on hover. */
export function RiskValue({ value, band }: { value: number; band: Band | null | undefined }) {
  return (
    <span className="risk-band-swatch" style={band ? { background: band.color, color: band.textColor } : undefined} title={band?.label}>
      {value}
      {band && <span className="visually-hidden-risk"> ({band.label})</span>}
    </span>
  );
}

export function DecisionText({ decision }: { decision: { inIkp: boolean; comment: string } | null }) {
  const { t } = useTranslation('risks');
  if (!decision) return <>{t('ikp.undecided')}</>;
  return (
    <Badge color={decision.inIkp ? 'blue.9' : 'gray.8'} variant={decision.inIkp ? 'filled' : 'outline'} tt="none">
      {decision.inIkp ? t('ikp.decidedIn') : t('ikp.decidedOut')}
    </Badge>
  );
}

export function ActionStatusBadge({ action }: { action: Action }) {
  const { t } = useTranslation('risks');
  const color = action.status === 'klar' ? 'green.9' : action.status === 'avbruten' ? 'gray.8' : action.status === 'pagar' ? 'blue.9' : 'dark';
  return (
    <>
      <Badge color={color} variant="outline" tt="none">
        {t(`actionStatus.${action.status}`)}
      </Badge>
      {action.overdue && (
        <Badge color="orange.9" variant="filled" tt="none" ml={4}>
          {t('overdue')}
        </Badge>
      )}
      {action.carriedFromId && (
        <Badge color="violet.9" variant="outline" tt="none" ml={4}>
          {t('carried')}
        </Badge>
      )}
    </>
  );
}
