import { eq } from 'drizzle-orm';
import type { Ctx } from '../server/platform/context';
import { loadDomainFiles } from '../server/platform/modules';
import type { OrgType } from '../domains/org/contract';
import { createOrg, updateOrg } from '../domains/org/service';
import { createGroup } from '../domains/org/groups';
import { orgGroups, orgs } from '../domains/org/table';
import { users } from '../domains/users/table';
import { assignRole, createUser } from '../domains/users/service';
import type { Role } from '../server/platform/permissions';

/** Password of every demo account (printed by `tillit demo`). Only for demonstrations. */
export const DEMO_PASSWORD = 'Demo-Tillit-Stockholm-2025';

/** The demo's organisations: slug, name, type, parent (tests build the same tree). */
export const DEMO_ORGS: [slug: string, name: string, type: OrgType, parent?: string][] = [
  ['stockholm', 'Stockholms stad', 'stad'],
  ['stadsledningskontoret', 'Stadsledningskontoret', 'forvaltning', 'stockholm'],
  ['hasselby-vallingby', 'Hässelby-Vällingby stadsdelsförvaltning', 'forvaltning', 'stockholm'],
  ['hv-aldre', 'Avdelningen för äldreomsorg', 'avdelning', 'hasselby-vallingby'],
  ['hv-hemtjanst', 'Hemtjänsten Hässelby', 'enhet', 'hv-aldre'],
  ['hv-ifo', 'Avdelningen för individ- och familjeomsorg', 'avdelning', 'hasselby-vallingby'],
  ['hv-socialtjanst-barn', 'Barn och unga', 'enhet', 'hv-ifo'],
  ['hv-administration', 'Administrativa avdelningen', 'avdelning', 'hasselby-vallingby'],
  ['hv-it', 'Enheten för it och digitalisering', 'enhet', 'hv-administration'],
  ['servicenamnden', 'Servicenämnden (serviceförvaltningen)', 'forvaltning', 'stockholm'],
  ['sf-kontaktcenter', 'Kontaktcenter', 'avdelning', 'servicenamnden'],
  ['sf-upphandling', 'Upphandlingsavdelningen', 'avdelning', 'servicenamnden'],
  ['sf-ekonomi', 'Ekonomiavdelningen', 'avdelning', 'servicenamnden'],
  ['sf-bestallarenheten', 'Beställarenheten', 'enhet', 'sf-upphandling'],
  ['bromma', 'Bromma stadsdelsförvaltning', 'forvaltning', 'stockholm'],
  ['jarva', 'Järva stadsdelsförvaltning', 'forvaltning', 'stockholm'],
];

/**
 * The personuppgiftsansvarig of the demo's organisations: Stockholms stad is one legal person (organisationsnummer
 * 212000-0142, on the city), and each förvaltning's nämnd is the controller (the IMY basis combines the nearest of each).
 */
export const DEMO_CONTROLLERS: Record<string, { controllerName?: string; controllerOrgNumber?: string }> = {
  stockholm: { controllerOrgNumber: '212000-0142' },
  'hasselby-vallingby': { controllerName: 'Hässelby-Vällingby stadsdelsnämnd' },
  servicenamnden: { controllerName: 'Servicenämnden' },
};

const USERS: [email: string, name: string, role: Role, org?: string, group?: string][] = [
  ['slk@demo.stockholm', 'Sara Lind (SLK)', 'lasare', 'stockholm'],
  ['isam.hv@demo.stockholm', 'Ingrid Samuelsson (ISAM)', 'isam', 'hasselby-vallingby'],
  ['chef.hv@demo.stockholm', 'Karin Holm (förvaltningschef)', 'forvaltningschef', 'hasselby-vallingby'],
  ['dso@demo.stockholm', 'David Sörensen (DSO)', 'dso', undefined, 'trillingen'],
  ['aldre.chef@demo.stockholm', 'Anna Ek (avdelningschef)', 'chef', 'hv-aldre'],
  ['medarbetare@demo.stockholm', 'Mats Berg (medarbetare)', 'medarbetare', 'hv-hemtjanst'],
  ['isam.sf@demo.stockholm', 'Oskar Nyberg (ISAM)', 'isam', 'servicenamnden'],
  ['chef.sf@demo.stockholm', 'Eva Strand (förvaltningschef)', 'forvaltningschef', 'servicenamnden'],
];

export interface DemoStep {
  /** Lower runs first. The foundation (orgs, users) is 0. */
  order: number;
  run(ctx: Ctx): Promise<string[] | void>;
}

/** Loads the Stockholm demo: organisations, a samverkansgrupp, people with roles, then each domain's data. Idempotent. */
export async function runDemo(ctx: Ctx): Promise<string[]> {
  const out: string[] = [];
  for (const [slug, name, type, parent] of DEMO_ORGS) {
    const controller = DEMO_CONTROLLERS[slug] ?? {};
    const [exists] = await ctx.db.select().from(orgs).where(eq(orgs.slug, slug));
    if (!exists) await createOrg(ctx, { slug, name, type, parent, ...controller });
    // A demo loaded before organisations had a controller gets it, unless one was recorded since.
    else if (Object.keys(controller).length > 0 && exists.controllerName === null && exists.controllerOrgNumber === null) {
      await updateOrg(ctx, slug, { version: exists.version, ...controller });
    }
  }
  const [group] = await ctx.db.select({ id: orgGroups.id }).from(orgGroups).where(eq(orgGroups.slug, 'trillingen'));
  if (!group) {
    await createGroup(ctx, {
      slug: 'trillingen',
      name: 'Trillingen (Bromma, Järva, Hässelby-Vällingby)',
      description: 'Tre stadsdelsförvaltningar som delar dataskyddsombud och träffas regelbundet.',
      members: ['bromma', 'jarva', 'hasselby-vallingby'],
    });
  }
  for (const [email, name, role, org, grp] of USERS) {
    const [exists] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (exists) continue;
    const { user } = await createUser(ctx, { email, name, password: DEMO_PASSWORD, locale: 'sv' });
    await assignRole(ctx, user.id, { role, org, group: grp });
  }
  out.push(`Organisationer och användare klara / organisations and users ready (${DEMO_ORGS.length} organisationer, ${USERS.length} användare).`);
  out.push(`Demokonton / demo accounts (lösenord/password ${DEMO_PASSWORD}): ${USERS.map((u) => u[0]).join(', ')}`);
  const steps = await loadDomainFiles<{ demo?: DemoStep }>('demo');
  for (const { domain, mod } of steps.filter((s) => s.mod.demo).sort((a, b) => a.mod.demo!.order - b.mod.demo!.order)) {
    const lines = await mod.demo!.run(ctx);
    out.push(...(lines ?? [`${domain}: klart / done`]));
  }
  return out;
}
