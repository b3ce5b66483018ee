import { count, eq } from 'drizzle-orm';
import type { DemoStep } from '../../cli/demo';
import { findOrg } from '../org/service';
import type { CreateDsoRecommendation } from './contract';
import { createRecommendation, setFollowUp } from './service';
import { dsoRecommendations } from './table';

type Rec = Omit<CreateDsoRecommendation, 'org' | 'position'> & { followUp?: { year: number; text: string } };

/** Seed 002 4.2: the DSO's 2024 report and what Hässelby-Vällingby did about it in 2025 (summarised). */
const HV: Rec[] = [
  { reportYear: 2024, area: 'Registerförteckning', recommendation: 'Håll registerförteckningen i DraftIT fullständig när behandlingar tillkommer och ändras.', riskLevel: 'medel', response: 'Dataskyddshandläggarna underhåller förteckningen med stöd av DSO och ISAM; felregistreringar rättas vid bytet till ny version av DraftIT under våren.', responsible: 'Dataskyddshandläggare', status: 'pågår', followUp: { year: 2025, text: 'Arbetet är av underhållande karaktär. Några registreringar väntar på DSO:s godkännande på grund av tekniska problem och felregistreringar.' } },
  { reportYear: 2024, area: 'Styrdokument', recommendation: 'Gör information om informationssäkerhet och dataskydd lätt att hitta, och behåll dataskyddet i den lokala anvisningen.', riskLevel: 'medel', response: 'Dataskyddet skrivs in i den uppdaterade lokala anvisningen; Pm3-dokumentationen publiceras 2026.', responsible: 'ISAM', status: 'pågår', followUp: { year: 2025, text: 'Publiceringen på intranätet sköts upp till förmån för riktade informationsinsatser; publicering bedöms lämplig 2026.' } },
  { reportYear: 2024, area: 'Konsekvensbedömningar', recommendation: 'Minska personberoendet i konsekvensbedömningarna.', riskLevel: 'medel', response: 'Verksamheterna får göra delar av analysen själva med stöd.', responsible: 'ISAM', status: 'pågår', followUp: { year: 2025, text: 'Rutiner finns; verksamheter som gjort delar själva har gett god återkoppling.' } },
  { reportYear: 2024, area: 'Personuppgiftsincidenter', recommendation: 'Kunskapen om personuppgiftsincidenter är en färskvara och behöver hållas vid liv.', riskLevel: 'medel', response: 'ISAM informerar om incidentrapportering vid varje tillfälle och stöttar vid incidenter.', responsible: 'ISAM', status: 'pågår', followUp: { year: 2025, text: 'Verksamheten är mer benägen att höra av sig, berätta vad som hänt och föreslå åtgärder.' } },
  { reportYear: 2024, area: 'Risk 1: Osäker e-posthantering med personuppgifter', recommendation: 'Inför ett säkert sätt att skicka personuppgifter.', riskLevel: 'hög', response: 'Förvaltningschefen har beslutat att införa Säkra meddelanden; två enheter är piloter i december.', responsible: 'ISAM', status: 'pågår', followUp: { year: 2025, text: 'Det lokala informationssäkerhetsarbetet blir klart i november; enheterna behöver egna rutiner innan de börjar efter årsskiftet.' } },
  { reportYear: 2024, area: 'Risk 2: Brister i dokumentationen i informationssäkerhets- och GDPR-frågor', recommendation: 'Se till att förvaltningsplaner och systemdokumentation finns.', riskLevel: 'medel', response: 'ISAM och Pm3-ansvarig tar fram förvaltningsplaner och mallar efter klassningen; ansvaret skrivs in i den lokala anvisningen.', responsible: 'ISAM och Pm3-ansvarig', status: 'pågår', followUp: { year: 2025, text: 'Under 2026 informeras om och införs ansvaret för objektens dokumentation.' } },
  { reportYear: 2024, area: 'Risk 3: Tredjelandsöverföringar', recommendation: 'Ta fram en exit-plan och en rutin för TIA.', riskLevel: 'hög', response: 'Exit-plan och TIA-rutin tas fram när resurser finns.', responsible: 'ISAM', status: 'öppen', followUp: { year: 2025, text: 'Planerat för 2025 men inte gjort på grund av andra prioriteringar; hoppas kunna genomföras 2026.' } },
  { reportYear: 2024, area: 'Risk 4: Skyddade personuppgifter inom förskolan', recommendation: 'Säkerställ att skyddade personuppgifter hanteras rätt.', riskLevel: 'hög', response: 'ISAM har med DSO lyft behovet i den normerande klassningen av Infomentor.', responsible: 'ISAM', status: 'pågår', followUp: { year: 2025, text: 'Behovet är framfört i stadens normerande klassning.' } },
  { reportYear: 2024, area: 'Risk 5: Central objektförvaltning räcker inte till för den lokala', recommendation: 'Säkerställ stöd från central objektförvaltning vid lokala införanden.', riskLevel: 'medel', response: 'Problemet visar sig snarare vara brist på kunskap om avtal, avrop och PUB-avtal.', responsible: 'ISAM', status: 'pågår', followUp: { year: 2025, text: 'Dialogen med central objektförvaltning fortsätter.' } },
  { reportYear: 2024, area: 'Risk 6: AI och ny teknik utan analys och dokumentation', recommendation: 'Analysera och dokumentera behandling med AI innan den används.', riskLevel: 'hög', response: 'ISAM deltar när AI-verktyg införs och föreslår säkra alternativ.', responsible: 'ISAM och IT-strateg', status: 'pågår', followUp: { year: 2025, text: 'Ett AI-verktyg infördes med ISAM delaktig; förhoppningen är att staden tar normerande ansvar för tilläggstjänster i Nordic for Zoom.' } },
];

/** Seed 000 1.1.4: Servicenämndens GDPR-årsrapporter 2024 (genomförda åtgärder) och 2025 (prioriteringar). */
const SN: Rec[] = [
  { reportYear: 2024, area: 'Konsekvensbedömningar', recommendation: 'Genomför tröskelanalyser och konsekvensbedömningar strukturerat.', riskLevel: 'allvarlig', response: 'De känsligaste processerna är kartlagda; bedömningar görs i upphandlingar.', responsible: 'DSO', status: 'åtgärdad', followUp: { year: 2025, text: 'Tröskelanalys och konsekvensbedömning görs numera i centrala och lokala upphandlingar.' } },
  { reportYear: 2024, area: 'Styrdokument', recommendation: 'Uppdatera den lokala anvisningen för informationssäkerhet.', riskLevel: 'allvarlig', response: 'Årlig uppdatering i december 2025.', responsible: 'ISAM', status: 'pågår', followUp: { year: 2025, text: 'Uppdateringen genomförs i december.' } },
  { reportYear: 2024, area: 'Utbildning', recommendation: 'Utbilda ledningen i personuppgiftsansvar.', riskLevel: 'allvarlig', response: 'Ledningen har utbildats i riskbaserat arbetssätt och ansvar inför NIS2.', responsible: 'ISAM', status: 'åtgärdad' },
  { reportYear: 2024, area: 'Information till registrerade', recommendation: 'Förtydliga informationen till registrerade internt.', riskLevel: 'allvarlig', response: 'Stadens centrala information täcker behovet; rekryteringsprocessen har uppdaterats.', responsible: 'DSO', status: 'åtgärdad' },
  { reportYear: 2024, area: 'Personuppgiftsbiträde', recommendation: 'Skicka ut och fastställ instruktionen till personuppgiftsansvariga.', riskLevel: 'allvarlig', response: 'Förvaltningschefen beslutade att utskickad instruktion fortsätter gälla.', responsible: 'Förvaltningschef', status: 'åtgärdad' },
  { reportYear: 2024, area: 'Känsliga processer', recommendation: 'Få bättre kontroll över processer med känslig information.', riskLevel: 'allvarlig', response: 'Känsliga processer är klassade i samband med upphandlingen av nytt ärendehanteringssystem.', responsible: 'ISAM', status: 'åtgärdad' },
  { reportYear: 2025, area: 'Incidenthantering', recommendation: 'Slutför översynen av incidenthanteringsprocessen.', riskLevel: 'medel', responsible: 'ISAM', status: 'pågår' },
  { reportYear: 2025, area: 'Personuppgiftsincidenter', recommendation: 'Undersök tekniska lösningar mot enkla misstag.', riskLevel: 'låg', responsible: 'ISAM', status: 'öppen' },
  { reportYear: 2025, area: 'Personuppgiftsansvar', recommendation: 'Se över biträdesrollen och gemensamt personuppgiftsansvar.', riskLevel: 'medel', responsible: 'DSO', status: 'öppen' },
  { reportYear: 2025, area: 'Tredjelandsöverföringar', recommendation: 'Granska system och processer löpande för tredjelandsöverföringar och risker.', riskLevel: 'hög', responsible: 'ISAM', status: 'öppen' },
];

export const demo: DemoStep = {
  order: 45,
  async run(ctx) {
    const out: string[] = [];
    for (const [slug, recs] of [['hasselby-vallingby', HV], ['servicenamnden', SN]] as const) {
      const org = await findOrg(ctx.db, slug).catch(() => undefined);
      if (!org) continue;
      const [{ n }] = await ctx.db.select({ n: count() }).from(dsoRecommendations).where(eq(dsoRecommendations.orgId, org.id));
      if (n > 0) continue;
      let position = 0;
      for (const { followUp, ...rec } of recs) {
        const r = await createRecommendation(ctx, { ...rec, org: slug, position: position++ });
        if (followUp) await setFollowUp(ctx, r.id, followUp);
      }
      out.push(`DSO-uppföljning ${org.name}: ${recs.length} rekommendationer.`);
    }
    return out.length ? out : ['DSO-uppföljning: finns redan / exists.'];
  },
};
