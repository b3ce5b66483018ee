import { describe, expect, it } from 'vitest';
import { CHILD_TYPES as serverChildTypes } from '../../../domains/org/contract';
import { CHILD_TYPES, moveTargets } from './orgTypes';
import type { Org } from '../../api/types';

describe('web org types', () => {
  it('mirrors the server contract', () => {
    expect(CHILD_TYPES).toEqual(serverChildTypes);
  });

  it('offers as move targets only fitting, active orgs outside the moved subtree', () => {
    const mk = (id: string, type: Org['type'], path: string, parentId: string | null, archived = false): Org => ({
      id, slug: id, name: id, type, parentId, parentSlug: null, path, depth: path.split('/').length - 2,
      archivedAt: archived ? '2024-01-01T00:00:00Z' : null, controllerName: null, controllerOrgNumber: null, version: 1,
    });
    const stad = mk('s', 'stad', '/s/', null);
    const f1 = mk('f1', 'forvaltning', '/s/f1/', 's');
    const f2 = mk('f2', 'forvaltning', '/s/f2/', 's');
    const f3 = mk('f3', 'forvaltning', '/s/f3/', 's', true);
    const a = mk('a', 'avdelning', '/s/f1/a/', 'f1');
    const sub = mk('sub', 'avdelning', '/s/f1/a/sub/', 'a');
    const e = mk('e', 'enhet', '/s/f2/e/', 'f2');
    const targets = moveTargets(a, [stad, f1, f2, f3, a, sub, e]).map((o) => o.id);
    // f2: a förvaltning takes an avdelning. Not: stad (wrong type), f1 (current parent), f3 (archived),
    // a and sub (itself and its subtree), e (an enhet takes only enheter).
    expect(targets).toEqual(['f2']);
  });
});
