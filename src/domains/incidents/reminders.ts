import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { ROLE_PERMISSIONS, ROLES } from '../../server/platform/permissions';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { orgGroupMembers, orgGroups, orgs } from '../org/table';
import { roleAssignments, users } from '../users/table';
import { CLOCK_LABELS, type ClockState } from './clocks';
import { runningClocks } from './deadlines';
import { incidentNumber, type LoadedIncident } from './dto';
import { incidentRemindersSent } from './table';
import { formatLocal } from '../../server/platform/time';

export interface ReminderResult {
  configured: boolean;
  sent: number;
  failed: number;
}

const THRESHOLD: Partial<Record<ClockState, string>> = { due_soon: '24h', critical: '6h', overdue: 'overdue' };
const MANAGER_ROLES = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('incident.manage') && r !== 'systemadministrator');

/**
 * Who is told: the handler, or when there is none, those who manage incidents on the org or above it: held on an
 * organisation on the path, everywhere, or on a live samverkansgrupp with a member on the path (a DSO shared by
 * several förvaltningar holds the role on the group; grants.ts gives them incident.manage there too).
 */
async function recipients(db: Db, r: LoadedIncident): Promise<string[]> {
  if (r.i.handlerId) {
    const [h] = await db.select({ email: users.email }).from(users).where(and(eq(users.id, r.i.handlerId), eq(users.active, true)));
    if (h) return [h.email];
  }
  const ancestors = r.org.path.split('/').filter(Boolean);
  const onPath = sql.join(ancestors.map((a) => sql`${a}::uuid`), sql`, `);
  const rows = await db.selectDistinct({ email: users.email }).from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .leftJoin(orgs, eq(orgs.id, roleAssignments.orgId))
    .where(and(eq(users.active, true), inArray(roleAssignments.role, MANAGER_ROLES),
      sql`(${roleAssignments.orgId} in (${onPath}) or (${isNull(roleAssignments.orgId)} and ${isNull(roleAssignments.groupId)})
        or ${roleAssignments.groupId} in (select ${orgGroupMembers.groupId} from ${orgGroupMembers}
          inner join ${orgGroups} on ${orgGroups.id} = ${orgGroupMembers.groupId}
          where ${orgGroups.archivedAt} is null and ${orgGroupMembers.orgId} in (${onPath})))`));
  return rows.map((x) => x.email).sort();
}

/** How long the mail server may take to answer: a hung one costs a round this much per reminder, never more. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/**
 * E-mails a reminder for every running legal clock that has crossed a threshold (24 h left, 6 h left,
 * overdue), once per incident, clock and threshold (incident_reminders_sent remembers). Off unless
 * TILLIT_SMTP_URL is set. The mail is sent outside any transaction, then the "sent" row and its audit entry are
 * written: a slow mail server holds no lock (the audit chain's lock would stop every audited write meanwhile), a
 * failed send leaves no row, so the next round tries again, and a crash between the two sends once more rather
 * than never. An aborted `signal` (server shutdown) stops between reminders.
 */
export async function sendDeadlineReminders(ctx: Ctx, now = new Date(), opts: { signal?: AbortSignal } = {}): Promise<ReminderResult> {
  if (!ctx.config.smtpUrl) return { configured: false, sent: 0, failed: 0 };
  const transport = nodemailer.createTransport({ url: ctx.config.smtpUrl, ...SMTP_TIMEOUTS });
  let sent = 0;
  let failed = 0;
  try {
    for (const { r, c } of await runningClocks(ctx, now)) {
      if (opts.signal?.aborted) break;
      const threshold = THRESHOLD[c.state];
      if (!threshold) continue;
      const [already] = await ctx.db.select({ at: incidentRemindersSent.sentAt }).from(incidentRemindersSent)
        .where(and(eq(incidentRemindersSent.incidentId, r.i.id), eq(incidentRemindersSent.clock, c.key), eq(incidentRemindersSent.threshold, threshold)));
      if (already) continue;
      const to = await recipients(ctx.db, r);
      if (to.length === 0) continue;
      const number = incidentNumber(r.i);
      const label = CLOCK_LABELS[c.key];
      const when = formatLocal(c.deadline);
      // Art. 34's 72 h is an internal target (clocks.ts LEGAL_DEADLINE): never "försenad", never a legal "tidsfrist".
      const what = c.legal ? 'Tidsfristen' : 'Det interna målet';
      const lead = c.state === 'overdue' ? `${what} passerades ${when}` : `${what} löper ut ${when}`;
      const late = c.legal ? 'försenad' : 'internt mål passerat';
      try {
        await transport.sendMail({
          from: ctx.config.mailFrom,
          to,
          subject: `[Tillit] ${number}: ${label.sv} – ${c.state === 'overdue' ? late : `${threshold} kvar`}`,
          text: `${lead} (svensk tid).\n${label.sv}\nIncident ${number}: ${r.i.title}\n\n${label.en}: ${c.legal ? 'deadline' : 'internal target'} ${when} (Stockholm time).\n`,
        });
        await inTx(ctx, async (tx) => {
          const ins = await tx.insert(incidentRemindersSent).values({ incidentId: r.i.id, clock: c.key, threshold, recipients: to.join(', ') })
            .onConflictDoNothing().returning({ id: incidentRemindersSent.incidentId });
          if (ins.length > 0) await recordAudit(tx, ctx, { action: 'incident.reminder', entityType: 'incident', entityId: r.i.id, orgId: r.org.id, after: { clock: c.key, threshold, to } });
        });
        sent++;
      } catch (err) {
        failed++;
        ctx.log.error({ err, incident: r.i.id, clock: c.key }, 'deadline reminder failed');
      }
    }
  } finally {
    transport.close();
  }
  return { configured: true, sent, failed };
}
