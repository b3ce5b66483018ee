import { and, eq } from 'drizzle-orm';
import type { DemoStep } from '../../cli/demo';
import { findOrg } from '../org/service';
import type { CreateDocument } from './contract';
import { createDocument } from './service';
import { documents } from './table';

/** The lokal anvisning of both förvaltningar and a few rutiner. Seed 002 gives the adoption date 2023-03-24; seed 000 none. */
const DOCS: (Omit<CreateDocument, 'org'> & { org: string })[] = [
  {
    org: 'hasselby-vallingby', type: 'lokal anvisning', title: 'Lokal tillämpningsanvisning för informationssäkerhet',
    description: 'Förvaltningens organisation, årshjul och rutiner för informationssäkerhet. Under revidering: ansvar för objektens dokumentation och dataskyddet skrivs in.',
    owner: 'Direktör', docVersion: '1.0', adoptedOn: '2023-03-24', decisionRef: 'Fastställd av direktör 2023-03-24', nextReviewOn: '2025-12-31',
  },
  {
    org: 'hasselby-vallingby', type: 'rutin', title: 'Rutin för incidentrapportering',
    description: 'Hur medarbetare rapporterar avvikelser och personuppgiftsincidenter i IA och hur chefer följer upp dem. Ses över årligen.',
    owner: 'ISAM', docVersion: '2025', nextReviewOn: '2026-10-31',
  },
  {
    org: 'servicenamnden', type: 'lokal anvisning', title: 'Serviceförvaltningens lokala anvisning för informationssäkerhet',
    description: 'Hur stadens ledningssystem för informationssäkerhet omhändertas i serviceförvaltningen; arbetet planeras utifrån väsentlighets- och riskanalysen. Uppdateras årligen.',
    owner: 'Förvaltningschef', docVersion: '2025', decisionRef: 'Fastställd av förvaltningschef', nextReviewOn: '2025-12-31',
  },
  {
    org: 'servicenamnden', type: 'hanteringsanvisning', title: 'Hanteringsanvisning för skyddade personuppgifter',
    description: 'Chefsstöd och rutin för anställda med skyddad folkbokföring inom lön och pension.',
    owner: 'ISAM', docVersion: '1.0', nextReviewOn: '2026-06-30',
  },
  {
    org: 'servicenamnden', type: 'mall', title: 'Blankett inför informationsklassning',
    description: 'Förenklad blankett och förklarande material inför klassning, för klassningsledare.',
    owner: 'Klassningsledare', docVersion: '1.0', nextReviewOn: '2026-12-31',
  },
];

export const demo: DemoStep = {
  order: 30,
  async run(ctx) {
    let made = 0;
    for (const d of DOCS) {
      const org = await findOrg(ctx.db, d.org).catch(() => undefined);
      if (!org) continue;
      const [exists] = await ctx.db.select({ id: documents.id }).from(documents).where(and(eq(documents.orgId, org.id), eq(documents.title, d.title)));
      if (exists) continue;
      await createDocument(ctx, d);
      made++;
    }
    return [`Styrdokument: ${made} nya / new (${DOCS.length} i demon).`];
  },
};
