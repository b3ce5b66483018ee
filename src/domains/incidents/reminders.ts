import { and, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Ctx } from '../../server/platform/context';
import type { Db } from '../../server/platform/db';
import { ROLE_PERMISSIONS } from '../../server/platform/permissions';
import { inTx } from '../../server/platform/tx';
import { recordAudit } from '../audit/chain';
import { users } from '../users/table';
import { runningClocks } from './deadlines';
import { roleHolders, rolesWith } from './holders';
import { incidentNumber, type LoadedIncident } from './dto';
import { reminderMail, THRESHOLD, type Threshold } from './reminder-mail';
import { incidentRemindersSent } from './table';

export interface ReminderResult {
  configured: boolean;
  sent: number;
  failed: number;
}

const MANAGER_ROLES = rolesWith('incident.manage');
/** Told as well at 6 h and overdue: the DSO and the ISAM (those of the two that manage incidents and read protected ones). */
const OVERSIGHT_ROLES = (['dso', 'isam'] as const).filter((r) => ROLE_PERMISSIONS[r].includes('incident.manage') && ROLE_PERMISSIONS[r].includes('incident.protected'));

/**
 * A reminder for a deadline passed longer ago than this is not sent: when SMTP is first switched on, or after an import
 * of IA's history, old cases would otherwise flood everyone's mail. They stay on the start page and in Tidsfrister.
 */
export const REMINDER_OVERDUE_CUTOFF_DAYS = 7;

/**
 * Who is told: the handler, or when there is none (or they are no longer active) those who manage incidents on the
 * org or above it. At 6 h left and overdue also the DSO and the ISAM of the org or above: a handler who is away must
 * not be the only one to know. Each address once, sorted.
 */
export async function recipients(db: Db, r: LoadedIncident, threshold: Threshold): Promise<string[]> {
  const to = new Set<string>();
  if (r.i.handlerId) {
    const [h] = await db.select({ email: users.email }).from(users).where(and(eq(users.id, r.i.handlerId), eq(users.active, true)));
    if (h) to.add(h.email);
  }
  if (to.size === 0) for (const h of await roleHolders(db, r.org.path, MANAGER_ROLES)) to.add(h.email);
  if (threshold !== '24h') for (const h of await roleHolders(db, r.org.path, OVERSIGHT_ROLES)) to.add(h.email);
  return [...to].sort();
}

/** How long the mail server may take to answer: a hung one costs a round this much per reminder, never more. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/**
 * E-mails a reminder for every running clock that has crossed a threshold (24 h left, 6 h left, overdue), once per
 * incident, clock, threshold and deadline (incident_reminders_sent remembers; a deadline that moves is reminded of
 * anew). Not for a deadline passed more than REMINDER_OVERDUE_CUTOFF_DAYS ago. Off unless TILLIT_SMTP_URL is set.
 * The mail is sent outside any transaction, then the "sent" row and its audit entry are
 * written: a slow mail server holds no lock (the audit chain's lock would stop every audited write meanwhile), a
 * failed send leaves no row, so the next round tries again, and a crash between the two sends once more rather
 * than never. An aborted `signal` (server shutdown) stops between reminders.
 */
export async function sendDeadlineReminders(ctx: Ctx, now = new Date(), opts: { signal?: AbortSignal } = {}): Promise<ReminderResult> {
  if (!ctx.config.smtpUrl) return { configured: false, sent: 0, failed: 0 };
  const transport = nodemailer.createTransport({ url: ctx.config.smtpUrl, ...SMTP_TIMEOUTS });
  const cutoff = now.getTime() - REMINDER_OVERDUE_CUTOFF_DAYS * 86_400_000;
  let sent = 0;
  let failed = 0;
  try {
    for (const { r, c } of await runningClocks(ctx, now)) {
      if (opts.signal?.aborted) break;
      const threshold = THRESHOLD[c.state];
      if (!threshold || c.deadline.getTime() < cutoff) continue;
      // Sent for this deadline already (within a second: a time stored with microseconds reads back to the millisecond).
      const marks = await ctx.db.select({ deadline: incidentRemindersSent.deadline }).from(incidentRemindersSent)
        .where(and(eq(incidentRemindersSent.incidentId, r.i.id), eq(incidentRemindersSent.clock, c.key), eq(incidentRemindersSent.threshold, threshold)));
      if (marks.some((m) => Math.abs(m.deadline.getTime() - c.deadline.getTime()) < 1000)) continue;
      const to = await recipients(ctx.db, r, threshold);
      if (to.length === 0) continue;
      const mail = reminderMail({ id: r.i.id, number: incidentNumber(r.i), title: r.i.title, protectedIdentity: r.i.protectedIdentity }, c, threshold, ctx.config.publicUrl);
      try {
        await transport.sendMail({ from: ctx.config.mailFrom, to, subject: mail.subject, text: mail.text });
        await inTx(ctx, async (tx) => {
          const ins = await tx.insert(incidentRemindersSent).values({ incidentId: r.i.id, clock: c.key, threshold, deadline: c.deadline, recipients: to.join(', ') })
            .onConflictDoNothing().returning({ id: incidentRemindersSent.incidentId });
          if (ins.length > 0) {
            await recordAudit(tx, ctx, { action: 'incident.reminder', entityType: 'incident', entityId: r.i.id, orgId: r.org.id, after: { clock: c.key, threshold, deadline: c.deadline.toISOString(), to } });
          }
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
