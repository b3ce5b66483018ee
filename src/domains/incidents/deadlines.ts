import { and, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../server/platform/context';
import { escapeLike } from '../../server/platform/authz';
import { orgs } from '../org/table';
import { CLOCK_LABELS, clocksFor, type Clock } from './clocks';
import { clockInput, incidentNumber, selectIncidents, type LoadedIncident } from './dto';
import { orgFor } from './service';
import { incidents } from './table';
import type { DeadlineItem } from './contract';
import { formatLocal } from '../../server/platform/time';

/** Incidents that can have a running legal clock (open, and a breach or NIS2-significant). */
export function clockCandidates(): SQL {
  return and(
    ne(incidents.status, 'Klar'),
    or(sql`${incidents.personalData} = 'ja'`, sql`${incidents.kind} = 'Personuppgiftsincident'`, sql`${incidents.nis2Significant}`),
  )!;
}


/** Every running clock the caller may see (incident.read scope), optionally in one subtree. */
export async function runningClocks(ctx: Ctx, now: Date, orgPath?: string): Promise<{ r: LoadedIncident; c: Clock }[]> {
  const conds: SQL[] = [clockCandidates(), ctx.authz.scopeSql('incident.read', orgs.path)];
  if (orgPath) conds.push(sql`${orgs.path} like ${escapeLike(orgPath) + '%'}`);
  const rows = (await selectIncidents(ctx.db, now).where(and(...conds))) as LoadedIncident[];
  return rows.flatMap((r) => clocksFor(clockInput(r), now).filter((c) => c.state !== 'done').map((c) => ({ r, c })));
}

/** GET /api/incidents/deadlines: running clocks, nearest deadline first. */
export async function listDeadlines(ctx: Ctx, q: { org?: string }, now = new Date()): Promise<{ items: DeadlineItem[] }> {
  ctx.authz.require('incident.read');
  const org = q.org ? await orgFor(ctx, ctx.db, q.org, 'incident.read') : undefined;
  const items = (await runningClocks(ctx, now, org?.path))
    .sort((a, b) => a.c.deadline.getTime() - b.c.deadline.getTime())
    .map(({ r, c }) => ({
      incidentId: r.i.id, number: incidentNumber(r.i), title: r.i.title, org: { slug: r.org.slug, name: r.org.name },
      clock: c.key, label_sv: CLOCK_LABELS[c.key].sv, label_en: CLOCK_LABELS[c.key].en,
      deadline: c.deadline.toISOString(), deadlineLocal: formatLocal(c.deadline), remainingMs: c.remainingMs ?? 0, state: c.state, legal: c.legal,
    }));
  return { items };
}
