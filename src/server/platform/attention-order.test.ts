import { describe, expect, it } from 'vitest';
import { attentionOrder, PRIORITY_LEGAL_DEADLINE, type AttentionItem } from './attention';

const item = (key: string, severity: AttentionItem['severity'], count: number, priority?: number): AttentionItem =>
  ({ key, severity, count, title_sv: key, title_en: key, link: '/', ...(priority === undefined ? {} : { priority }) });

describe('the start page\'s order', () => {
  it('puts a legal deadline within 24 h before routine items, however critical or many they are', () => {
    const items = [
      item('risks.overdue-actions', 'critical', 9),
      item('incidents.new', 'info', 12),
      item('incidents.clocks.24h', 'warning', 1, PRIORITY_LEGAL_DEADLINE),
      item('objects.overdue', 'critical', 30),
      item('incidents.clocks.overdue', 'critical', 1, PRIORITY_LEGAL_DEADLINE),
      item('incidents.clocks.6h', 'critical', 2, PRIORITY_LEGAL_DEADLINE),
      item('incidents.breach.undocumented', 'warning', 4),
    ];
    expect(items.sort(attentionOrder).map((i) => i.key)).toEqual([
      'incidents.clocks.6h', 'incidents.clocks.overdue', 'incidents.clocks.24h',
      'objects.overdue', 'risks.overdue-actions', 'incidents.breach.undocumented', 'incidents.new',
    ]);
  });
});
