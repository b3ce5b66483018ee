import { describe, expect, it } from 'vitest';
import { incidentsByKindOption } from './chart-options';

type Slice = { name: string; value: number; itemStyle: { color: string } };
const slices = (byKind: Record<string, number>) => (incidentsByKindOption({ byKind }) as { series: { data: Slice[] }[] }).series[0].data;
const colorOf = (byKind: Record<string, number>, kind: string) => slices(byKind).find((s) => s.name === kind)?.itemStyle.color;

describe('the chart of incidents per type', () => {
  it('gives a type the same colour whatever the other types and their counts (one year against the next)', () => {
    const y2024 = { Personuppgiftsincident: 16, 'IT-säkerhet': 30, Informationssäkerhet: 44 };
    const y2025 = { Personuppgiftsincident: 20, Arbetsmiljö: 1 };
    for (const kind of ['Personuppgiftsincident']) expect(colorOf(y2024, kind)).toBe(colorOf(y2025, kind));
    const colours = slices({ Informationssäkerhet: 1, 'IT-säkerhet': 2, Personuppgiftsincident: 3, Arbetsmiljö: 4 }).map((s) => s.itemStyle.color);
    expect(new Set(colours).size).toBe(4);
  });
});
