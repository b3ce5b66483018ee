/**
 * The VoR import's template: an XLSX with the import's header row and, when the VoR of the year has events, one row
 * per event (its first open action, else its first), so export → edit → import changes only what was edited.
 */
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../../server/platform/context';
import { download, toXlsx, type ExportColumn } from '../../../server/platform/export';
import { recordAudit } from '../../audit/chain';
import { orgFor } from '../common';
import type { Action, VorEvent } from '../contract';
import { vorAssessments } from '../table';
import { buildVor } from '../vor-read';
import { VOR_COLUMNS, type VorField } from './columns';

interface Row { process: string; arbetssatt: string; event: VorEvent; action?: Action }

const VALUES: Partial<Record<VorField, (r: Row) => string | number | null>> = {
  process: (r) => r.process,
  arbetssatt: (r) => r.arbetssatt,
  title: (r) => r.event.title,
  motivation: (r) => r.event.motivation,
  sannolikhet: (r) => r.event.sannolikhet,
  konsekvens: (r) => r.event.konsekvens,
  riskvarde: (r) => r.event.riskvarde,
  followUp: (r) => r.event.followUp,
  action: (r) => r.action?.title ?? '',
  owner: (r) => r.action?.owner ?? '',
  dueDate: (r) => r.action?.dueDate ?? '',
};

/** Every column the import reads, by its canonical name, except IKP (never imported). */
export const TEMPLATE_COLUMNS: ExportColumn<Row>[] = VOR_COLUMNS.filter((c) => VALUES[c.field]).map((c) => ({
  key: c.field, header: c.names[0], value: VALUES[c.field]!,
}));

export async function vorTemplate(ctx: Ctx, orgRef: string, year: number): Promise<Response> {
  const org = await orgFor(ctx, ctx.db, orgRef, 'risk.read');
  const [vor] = await ctx.db.select().from(vorAssessments).where(and(eq(vorAssessments.orgId, org.id), eq(vorAssessments.year, year)));
  const rows: Row[] = [];
  if (vor) {
    const full = await buildVor(ctx, ctx.db, vor, org);
    for (const p of full.processes) {
      for (const a of p.arbetssatt) {
        for (const e of a.events) {
          const action = e.actions.find((x) => x.status === 'planerad' || x.status === 'pagar') ?? e.actions[0];
          rows.push({ process: p.name, arbetssatt: a.name, event: e, action });
        }
      }
    }
  }
  await recordAudit(ctx.db, ctx, { action: 'risk.vor.export', entityType: 'vor', entityId: vor?.id ?? null, orgId: org.id, after: { year, format: 'xlsx', count: rows.length } });
  return download(await toXlsx(rows, TEMPLATE_COLUMNS, `VoR ${year}`), `vor-${org.slug}-${year}`, 'xlsx');
}
