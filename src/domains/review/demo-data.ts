/**
 * The 2025 management reviews' meetings and what they decided (ISO 27001 9.3.3), written anew from the seeds' own
 * statements: seed 000 (Servicenämnden) and seed 002 (Hässelby-Vällingby). The people are the demo's (cli/demo.ts).
 *
 * Every decision, conclusion and stance the seeds state is here, each with the seed passage it comes from. All are
 * changes to (or positions on) the management system: the improvements the seeds plan are already the demo's plan
 * activities (plans/demo-data.ts), and an improvement decision would add each a second time.
 * The seeds give no yes/no verdict on whether the management system is suitable, adequate and effective: the
 * conclusion holds what they say on each, its value left open (so the review is not signed).
 */
import type { Conclusion } from './table';

export interface DemoDecision { text: string; owner?: string; dueDate?: string; /** A position taken (nothing changes), not a change: a ställningstagande. */ stance?: true }
export interface DemoReview {
  org: string;
  year: number;
  /** Seed 000 names the day the review was presented (4 November); seed 002 names none. */
  meetingDate: string | null;
  chair: string;
  attendees: string[];
  decisions: DemoDecision[];
  ismsChanges: string;
  conclusion: Conclusion;
}

const open = (comment: string) => ({ value: null, comment });

export const DEMO_REVIEWS: DemoReview[] = [
  {
    org: 'servicenamnden',
    year: 2025,
    // 000 1.1.4: the decision was taken "i samband med presentation av Ledningens genomgång 4 november".
    meetingDate: '2025-11-04',
    chair: 'Eva Strand, förvaltningschef',
    attendees: ['Eva Strand, förvaltningschef', 'Oskar Nyberg, informationssäkerhetssamordnare (ISAM)'],
    decisions: [
      // 000 1.1.4, Instruktion till SF:s kunder (PUB): decided by the förvaltningschef at the review's presentation.
      { text: 'Instruktionen till förvaltningens kunder om personuppgiftsbiträdesfrågor (PUB) gäller vidare i den version som redan har skickats ut; någon ny version tas inte fram.', owner: 'Förvaltningschef', stance: true },
      // 000 1.1.2: principles formed and decided by förvaltningsledningen in November 2025.
      { text: 'Förvaltningens processer delar riskerna för bortfall av system, el och personal. Kontinuitetsarbetet för de riskerna följer därför gemensamma principer för hela förvaltningen, som förvaltningsledningen har beslutat i november 2025.', owner: 'Förvaltningsledningen' },
      // 000 1.1.4 (Uppdatera lokal anvisning), 2.1.1 and 3.1: the yearly update in December, section 4 revised.
      { text: 'Den lokala anvisningen för informationssäkerhet ses över i den årliga uppdateringen i december 2025. Den ska ta upp att förvaltningen har ett eget dataskyddsombud, den nya rollen klassningsledare och att informationsklassning nu ingår i de centrala upphandlingarna, och avsnitt 4 om befintliga rutiner skrivs om efter de rutiner som tillkommit.', owner: 'ISAM', dueDate: '2025-12-31' },
      // 000 1.1.4, Information till registrerade internt: "Förvaltningen bedömer att stadens centrala information … täcker".
      { text: 'Stadens centrala information till anställda om hur deras personuppgifter behandlas, nyligen uppdaterad, bedöms räcka även för förvaltningens behov; förvaltningen tar inte fram någon egen.', stance: true },
      // 000 2.1.2: "För 2026 har serviceförvaltningen valt att fokusera på" four of NIS2's areas.
      { text: 'Av NIS2:s åtgärdsområden prioriterar förvaltningen under 2026 riskhantering, incidenthantering, säkerhet i leveranskedjan samt utbildning av ledning och anställda.', owner: 'ISAM' },
      // 000 2.1.2, Säkerhet i leveranskedjan: the jurist's finding that the förvaltning is covered, and the stance on indirect risks.
      { text: 'Förvaltningen omfattas av cybersäkerhetslagen (NIS2), och kan omfattas på flera sätt, enligt förvaltningsjuristens utredning. I leveranskedjan hanterar förvaltningen även indirekta risker hos underleverantörer, också där förvaltningen saknar avtal med dem, fast det juridiska ansvaret bara gäller den direkta leverantören.', stance: true },
    ],
    // 000 1.1.7 and 3.1: a new incident routine from the user-journey mapping; one process for all kinds of incident.
    ismsChanges: 'Kartläggningen av användarnas väg genom incidenthanteringen (intervjuer i november och december) ska leda till en ny incidenthanteringsrutin. Under 2026 tas en gemensam process fram för så många slags incidenter som möjligt – informations- och it-säkerhet, dataskydd och arbetsmiljö – så att incidenter kan upptäckas, bedömas och hanteras snabbt som NIS2 kräver.',
    conclusion: {
      // 000 1 and 2.1.1: a local anvisning set by the förvaltningschef, presented to every manager, reviewed yearly.
      lampligt: open('Förvaltningschefen har fastställt en lokal anvisning för hur stadens ledningssystem tillämpas i förvaltningen. Den har presenterats för alla chefer, finns för alla medarbetare och ses över varje år.'),
      // 000 1.1.3: internal control mostly to plan, one significant deviation (Telia Ace).
      tillrackligt: open('Internkontrollen har i stort följt planen utan väsentliga avvikelser, med ett undantag: objektförvaltningen av kontaktcenterplattformen Telia Ace, där förvaltningen har skärpt avtalsuppföljning, registervård och behörighetskontroller.'),
      // 000 1.1.4 (GDPR-årsrapport 2025) and 1.1.7.
      verkningsfullt: open('Dataskyddsombudets årsrapport för 2025 ger förvaltningen beröm för arbetet. Incidenthanteringen upplevs ändå som tung och svår, och fler rapporterade incidenter beror mest på att verksamheterna blivit bättre på att känna igen dem.'),
    },
  },
  {
    org: 'hasselby-vallingby',
    year: 2025,
    meetingDate: null,
    chair: 'Karin Holm, förvaltningschef',
    attendees: ['Karin Holm, förvaltningschef', 'Ingrid Samuelsson, informationssäkerhetssamordnare (ISAM)'],
    decisions: [
      // 002 4.2, Risk 1: "förvaltningschefen tagit beslutet att förvaltningen nu kan börja använda tjänsten".
      { text: 'Förvaltningen får börja använda Säkra meddelanden för meddelanden med personuppgifter och annan känslig information, sedan stadens centrala objektförvaltning meddelat att riskerna som fick förvaltningen att vänta har sänkts eller tagits bort. Två enheter prövar tjänsten i december, och varje enhet som ska använda den tar först fram egna rutiner; verksamheterna börjar efter årsskiftet.', owner: 'Förvaltningschef' },
      // 002 1.2, 4.2 (Risk 2, Styrdokument) and 5.1.3: the local tillämpningsanvisning is being revised.
      { text: 'De lokala tillämpningsanvisningarna från 2023 revideras. De ska ange vilken roll som ansvarar för vilken del av ett objekts dokumentation, och dataskyddet ska stå kvar i dem som dataskyddsombudet har rekommenderat, fast stadens nya mall har tagit bort det.', owner: 'ISAM' },
      // 002 4.2, Styrdokument: publication prioritised down in 2025; "en publicering att se som lämplig under 2026".
      { text: 'Dokumentationen och mallarna för Pm3 publicerades inte på intranätet under 2025; riktade informationsinsatser gick före, så att förvaltningsmodellen först fick fäste i organisationen. Nu bedöms en bred publicering lämplig under 2026.', stance: true },
      // 002 4.2, Registerförteckning: ISAM and DSO agreed when the wrong entries are corrected.
      { text: 'De felaktiga registreringarna i registerförteckningen rättas när förvaltningen byter till en ny version av DraftIT under våren 2026, som ISAM och dataskyddsombudet har kommit överens om.', owner: 'ISAM och DSO' },
      // 002 2.2.1: "Förvaltningen ska uppmuntra och stödja verksamheterna i att använda AI på ett klokt och korrekt sätt".
      { text: 'Förvaltningen uppmuntrar och stöttar verksamheterna att använda AI klokt och korrekt. En AI-tjänst klassas och konsekvensbedöms innan den används, och när en efterfrågad tjänst inte är säker, till exempel på grund av tredjelandsöverföring, letar förvaltningen efter en annan som fyller samma behov.', stance: true },
      // 002 2.3.1: information security work before camera surveillance is set up, site by site.
      { text: 'Innan kamerabevakning sätts upp och startas på en plats görs och dokumenteras både en intresseavvägning och informationssäkerhetsarbetet för just den platsen, som för alla nya digitala objekt.' },
    ],
    // 002 3.1.1, 5.1.1 and 5.1.3: a digitalisation process with roles; the NIS incident routine after the new law.
    ismsChanges: 'Stabsenhetens nya organisation med fokus på digitalisering, där informationssäkerheten ingår, behöver beskrivas så att chefer och medarbetare vet vart de vänder sig med nya behov. Rutinen för NIS-incidenter uppdateras efter cybersäkerhetslagen, och rutinen för incidentrapportering och övriga stöddokument ses över varje år.',
    conclusion: {
      // 002 1.2 and 3.2.
      lampligt: open('Ledningssystemet bygger på stadens tillämpningsanvisningar och den lokala anvisningen, fastställd av direktören 2023-03-24 och nu under revidering. Mognadsmätningen visar tydliga rutiner och ett medvetet arbetssätt.'),
      // 002 Sammanfattning, 3.2 and 4.2 (Risk 3).
      tillrackligt: open('Digitaliseringen går fortare än informationssäkerhetsarbetet hinner följa. Delar av uppdraget, som exit-planen för leverantörer med tredjelandsöverföring, har fått stå tillbaka; riskhantering, incidenthantering och uppföljning är personberoende och behöver mer systematik.'),
      // 002 3.2 and 4.1.1 (upphandlingsförfarande).
      verkningsfullt: open('Mätningen visar att förvaltningen tar informationssäkerheten på stort allvar och har goda förutsättningar att nå högre mognad. Att delegationen för inköp av digitala stödsystem flyttades upp till avdelningschef har däremot inte gett den effekt som förvaltningen hoppades på.'),
    },
  },
];
