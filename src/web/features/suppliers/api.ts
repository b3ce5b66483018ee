import type { z } from 'zod';
import type * as C from '../../../domains/suppliers/contract';
import { api } from '../../api/client';

export type Supplier = z.infer<typeof C.Supplier>;
export type SubSupplier = Supplier['subSuppliers'][number];

// Kept here, not imported from the contract: the contract module pulls zod into the bundle.
export const PUB = ['ja', 'nej', 'ej_tillampligt'] as const;
export const TRANSFER_TOOLS = ['adekvansbeslut', 'scc', 'bcr', 'annat'] as const;
export const RESULTS = ['godtagbar', 'brister', 'ej_godtagbar'] as const;

export interface SupplierFilter {
  pubMissing: string;
  thirdCountry: string;
  followUpOverdue: string;
  archived: string;
}

export const suppliersQuery = (org: string | null, f: SupplierFilter) => ({
  queryKey: ['suppliers', org, f] as const,
  queryFn: () =>
    api.get<Supplier[]>('/suppliers', {
      org: org!, pubMissing: f.pubMissing || undefined, thirdCountry: f.thirdCountry || undefined,
      followUpOverdue: f.followUpOverdue || undefined, archived: f.archived || undefined,
    }),
  enabled: !!org,
});
