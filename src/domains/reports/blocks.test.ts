import { describe, expect, it } from 'vitest';
import { actionsText } from './blocks';

describe('the VoR table of åtgärder', () => {
  it('gives each åtgärd its owner, due date and status, as the VoR sheet kept them', () => {
    expect(actionsText([
      { title: 'Objektspecialisten påminner chefer.', owner: 'Objektspecialist', dueDate: '2025-12-31', status: 'pagar' },
      { title: 'Följ upp systematiskt', owner: 'Objektledare', dueDate: null, status: 'klar' },
      { title: 'Utan uppgifter' },
    ])).toBe('Objektspecialisten påminner chefer (Objektspecialist, senast 31 december 2025, pågår). Följ upp systematiskt (Objektledare, klar). Utan uppgifter');
    expect(actionsText(['Text som förr'])).toBe('Text som förr');
  });
});
