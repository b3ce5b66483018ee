import { and, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../server/platform/db';
import type { NamedFigure } from './report';
import { objectFollowUps } from './table';

export interface HeldFollowUpFigure extends NamedFigure {
  heldOn: string;
  heldBy: string;
  accessReview: string;
  accessResult: string | null;
  accountsChanged: number | null;
}

/**
 * `classification.followUp`: the year's object follow-ups with access review (objektuppföljning och
 * behörighetsgenomgång), evidence for seed 002's VoR åtgärd "Systematiskt följa upp behörighetshantering".
 */
export interface FollowUpFigures {
  year: number;
  /** Active objects of the objektlista (the classification section's `counts.total`). */
  inScope: number;
  /** Objects whose follow-up of the year was held by the report's day. */
  held: number;
  /** Of those, with the access review done (ja). */
  accessReviewsDone: number;
  /** Accounts removed or changed in the year's access reviews. */
  accountsChanged: number;
  /** Objects whose access review left deviations remaining, by name. */
  deviationsRemaining: NamedFigure[];
  /** Active objects without the year's follow-up, by name. */
  missing: NamedFigure[];
  /** The follow-ups held, by name. */
  followUps: HeldFollowUpFigure[];
}

const bySv = (a: NamedFigure, b: NamedFigure) => a.name.localeCompare(b.name, 'sv') || a.org.localeCompare(b.org, 'sv');

/** The figures of `objects` (active, in the report's scope, each with its figure name) for `year`, held by `day`. */
export async function followUpFigures(db: Db, objects: { id: string; named: NamedFigure }[], year: number, day: string): Promise<FollowUpFigures> {
  const ids = objects.map((o) => o.id);
  const rows = ids.length
    ? await db.select().from(objectFollowUps).where(and(inArray(objectFollowUps.objectId, ids), eq(objectFollowUps.year, year), lte(objectFollowUps.heldOn, day)))
    : [];
  const byObject = new Map(rows.map((r) => [r.objectId, r]));
  const followUps = objects.flatMap((o) => {
    const r = byObject.get(o.id);
    return r ? [{ ...o.named, heldOn: r.heldOn, heldBy: r.heldBy, accessReview: r.accessReview, accessResult: r.accessResult, accountsChanged: r.accountsChanged }] : [];
  }).sort(bySv);
  return {
    year,
    inScope: objects.length,
    held: followUps.length,
    accessReviewsDone: followUps.filter((f) => f.accessReview === 'ja').length,
    accountsChanged: followUps.reduce((n, f) => n + (f.accountsChanged ?? 0), 0),
    deviationsRemaining: followUps.filter((f) => f.accessResult === 'avvikelser_kvarstar').map(({ name, org, unit }) => ({ name, org, unit })),
    missing: objects.filter((o) => !byObject.has(o.id)).map((o) => o.named).sort(bySv),
    followUps,
  };
}
