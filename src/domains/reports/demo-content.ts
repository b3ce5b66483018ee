import { emptyDoc, doc, p, ul, type RichDoc } from './richtext';
import type { ManualTable, Section } from './outline';
import { TERMS_TABLE } from './outline';

/**
 * The two demo reports' outlines, shaped like the seeds' tables of contents (seed 002 for
 * Hässelby-Vällingby, seed 000 for Servicenämnden). The narrative is written anew from the seeds' facts.
 */
const s = (id: string, level: 1 | 2 | 3, title: string, narrative: RichDoc = emptyDoc(), provider?: string, tables: ManualTable[] = []): Section => ({
  id, level, title, ...(provider ? { provider } : {}), hidden: false, narrative, tables,
});

export function hvOutline(): Section[] {
  return [
    s('sammanfattning', 1, 'Sammanfattning', doc(
      p('Året har präglats av förberedelserna inför cybersäkerhetslagen, nya regler för kamerabevakning och ett tydligare utrymme för informationssäkerhet i stadens budget. Den incident som påverkade förvaltningen mest var dataintrånget hos leverantören Miljödata, där uppgifter om anställda med skyddade personuppgifter röjdes.'),
      p('Samarbetet i trillingen (Bromma, Järva och Hässelby-Vällingby) har blivit ett etablerat arbetssätt. Klassningen av äldre, oklassade digitala objekt har fått vänta till förmån för nya objekt som verksamheterna vill införa. Digitaliseringen går fortare än informationssäkerhetsarbetet hinner följa – cybersäkerhetslagen väntas ge frågan det fokus den behöver.'),
      p('Stadsdelsnämnden är informations- och personuppgiftsansvarig. Direktören har det operativa ansvaret och ser till att resurser, utbildning och information finns. Ansvaret följer linjeorganisationen.'),
    )),
    s('lg', 2, 'Vad är Ledningens genomgång', doc(p('Genomgången ger ledningen ett årligt underlag för att bedöma om informationssäkerhets- och dataskyddsarbetet räcker och har avsedd effekt. Den visar läget för aktiviteter och krav och avslutas med förslag till förbättringar.'))),
    s('lis-beslut', 2, 'Ledningssystem för informationssäkerhet', doc(p('Förvaltningens ledningssystem vilar på stadens tillämpningsanvisningar och den lokala tillämpningsanvisningen, fastställd av direktören 2023-03-24. Den beskriver organisation, årshjul och rutiner och är nu under revidering.')), 'documents'),
    s('omvarld', 1, 'Omvärldsbevakning – hot, trender och ny lagstiftning'),
    s('csl', 2, 'Cybersäkerhetslagen med NIS2-direktivet', doc(
      p('Cybersäkerhetslagen genomför NIS2 i svensk rätt och väntas gälla från januari 2026. Den kräver ett systematiskt och riskbaserat arbete:'),
      ul('riskerna identifieras och hanteras', 'interna regler och arbetssätt fastställs', 'kompetens och utbildning säkras', 'säkerhetsåtgärderna står i proportion till riskerna'),
      p('Ledningen ska godkänna åtgärderna, följa upp dem och själv genomgå utbildning.'),
    )),
    s('csl-hv', 3, 'Påverkan på Hässelby-Vällingby stadsdelsförvaltning', doc(p('Stadens centrala informationssäkerhetsfunktion har förstärkts och flyttats till säkerhetsavdelningen på SLK. För förvaltningen betyder det mer stöd men också högre krav: fler och mer komplexa incidenter, informationssäkerhet i kontinuitetsplanerna och chefer som tar större ansvar för att medarbetarna utbildas.'))),
    s('csl-atgarder', 3, 'Säkerhetsåtgärder enligt cybersäkerhetslagen 2025', doc(p('Förvaltningen omfattas av cybersäkerhetslagen genom hälso- och sjukvården inom äldreomsorgen. ISAM har bedömt läget i lagens tio åtgärdsområden, och förvaltningschefen har godkänt årets säkerhetsåtgärder. Tabellen visar status per område; säkerheten i leveranskedjan omfattar även underleverantörer som förvaltningen saknar avtal med.')), 'nis2'),
    s('ai', 2, 'AI-förordningen', doc(p('AI-förordningen gäller sedan augusti 2024. All AI-behandling kräver fortfarande konsekvensbedömning enligt dataskyddsförordningen och informationsklassning.'))),
    s('ai-hv', 3, 'Påverkan på Hässelby-Vällingby stadsdelsförvaltning', doc(p('AI-funktioner följer allt oftare med vid uppgraderingar utan att ha klassats – Zoom är ett exempel. ISAM och IT-strateg hjälper verksamheterna att hitta säkra alternativ när efterfrågade tjänster innebär tredjelandsöverföring.'))),
    s('kamera', 2, 'Nya regler för kamerabevakning', doc(p('Sedan den 1 april 2025 krävs inget tillstånd från IMY. I stället ska en dokumenterad intresseavvägning göras och en förteckning föras över bevakning som pågår eller har upphört de senaste fem åren.'))),
    s('kamera-hv', 3, 'Påverkan på Hässelby-Vällingby sdf', doc(p('Budgeten för 2026 uppmuntrar kamerabevakning för ökad trygghet. Varje plats behöver intresseavvägning och informationssäkerhetsarbete innan kameran sätts upp.'))),
    s('budget', 1, 'Vad händer inom staden – budget, inriktningar, lokala förändringar och satsningar'),
    s('styrning', 2, 'Central styrning', doc(p('Budgeten 2026 ger informationssäkerheten mer utrymme och resurser. Normerande klassningar görs nu med mer metod, bland annat genom att förvaltningarna delas i kluster där trillingen är ett.'))),
    s('styrning-hv', 3, 'Påverkan på Hässelby-Vällingby stadsdelsförvaltning', doc(p('Höga krav vid upphandling och leverantörsuppföljning blir ännu viktigare. Digitala objekt som tas i drift utan PUB-avtal eller klassning gör det svårt att i efterhand ställa krav på leverantören.'))),
    s('mognad', 2, 'Lokal mognadsmätning', doc(p('Stabsenheten har mätt mognaden med MSB:s mall. Kompetens och informationsklassning ligger nära de högsta nivåerna; riskhantering, incidenthantering och uppföljning behöver mer systematik och mindre personberoende. Mätningen ska upprepas årligen.')), 'maturity'),
    s('uppfoljning', 1, 'Uppföljning av informationssäkerhetsarbetet i Hässelby-Vällingby stadsdelsförvaltning'),
    s('mal', 2, 'Uppföljning av mål i verksamhetsplanen 2025', doc(p('Informationssäkerheten följs upp under nämndmål 3.5 Hög beredskap och stark rådighet ska råda i alla verksamhetsområden.')), 'goals'),
    s('vor-ikp', 3, 'Väsentlighets- och riskanalys samt internkontrollplan', doc(p('Tabellen visar årets oönskade händelser per arbetssätt med riskvärde och om de föreslagits till internkontrollplanen.')), 'risks'),
    s('ikp', 3, 'Resultatet från egen uppföljning (IKP)', emptyDoc(), 'internalControl'),
    s('kontinuitet', 3, 'Kontinuitetsplaner och övningar', doc(p('Verksamheterna har sett över sina kontinuitetsplaner under året och övat dem för de system som omfattas av NIS. Tabellerna visar planernas status och årets övningar.')), 'continuity'),
    s('utbildning', 3, 'Utbildning och kompetens', doc(p('ISAM och DSO har hållit riktade utbildningar för enheter och funktioner; allmänna utbildningar för chefer och medarbetare har inte hållits i år. Medarbetarna har genomfört stadens e-utbildningar, och genomförandet följs upp per enhet.')), 'training'),
    s('klassning', 3, 'Informationsklassning av digitala objekt', doc(p('Verksamhetssystem som omfattas av NIS har informationsklassats på lokal nivå. ISAM och Pm3-ansvarig har i klassningsarbetet ökat kompetensen hos objektägare, objektledare och objektspecialister; efter klassningen stöttar Pm3-ansvarig objektförvaltningen med förvaltningsplaner och rutiner.')), 'classification'),
    s('leverantorer', 3, 'Leverantörer och underleverantörer', doc(p('Inför cybersäkerhetslagen har förvaltningen samlat leverantörerna av verksamhetssystemen i ett leverantörsregister med personuppgiftsbiträdesavtal, underleverantörer och bedömningar. Underleverantörer som förvaltningen saknar avtal med följs upp via huvudleverantören. Leverantörer som inte bedömts det senaste året följs upp under första kvartalet 2026.')), 'suppliers'),
    s('registerforteckning', 3, 'Registerförteckning och konsekvensbedömningar', doc(p('Registerförteckningen förs i DraftIT och underhålls löpande av dataskyddshandläggarna med stöd av DSO och ISAM. Några registreringar väntar på DSO:s godkännande efter ett tekniskt problem i DraftIT och ett antal felregistreringar; de rättas när förvaltningen under våren byter till en ny version av DraftIT. Sammanställningen nedan gäller de behandlingar som följs upp i Tillit. Där tröskelanalysen visar att en konsekvensbedömning troligen krävs ska den göras innan behandlingen ändras.')), 'privacy'),
    s('dso', 2, 'Uppföljning av dataskyddsombudets årsrapport 2024', doc(p('Registerförteckningen i DraftIT bedöms fullständig och underhålls löpande. Säkra meddelanden införs med två pilotenheter i december.')), 'dsoFollowUp'),
    s('incidenter', 2, 'Information om avvikelser och incidenter', doc(
      p('Den vanligaste avvikelsen är fortfarande uppgifter som hamnar i fel ärende i sociala system, ofta när flera utredningar är öppna samtidigt. Ledningen behöver påminna cheferna om att följa upp rapporterade avvikelser i IA.'),
      p('Inga incidenter har nått den nivå som kräver anmälan till MSB.'),
    ), 'incidents'),
    s('aktiviteter', 2, 'Uppföljning av årets förbättringsaktiviteter', doc(p('Aktiviteterna i förra årets genomgång följs upp per område. Tabellen visar hur långt varje aktivitet har kommit; det som inte är klart förs vidare till nästa års plan.')), 'planFollowUp'),
    s('forbattring', 1, 'Förslag till förbättringar och aktiviteter', doc(p('Förslagen gäller 2026–2028 och justeras vid varje årlig genomgång.')), 'plan'),
    s('begrepp', 1, 'Förkortningar och begrepp', emptyDoc(), undefined, [{ ...TERMS_TABLE, rows: [...TERMS_TABLE.rows, ['Trillingen', 'Samarbete mellan ISAM i Bromma, Järva och Hässelby-Vällingby, som också delar DSO'], ['PM3', 'Styr- och samverkansmodell för förvaltning av it-stöd']].sort((a, b) => a[0].localeCompare(b[0], 'sv')) }]),
    // Not a chapter of seed 002 (kept last, so its chapters keep their numbers): the review's decisions, recorded in the review.
    s('beslut', 1, 'Ledningens beslut och slutsatser', doc(p('Förvaltningschefen har tagit del av genomgången. Tabellerna visar beslut och ställningstaganden under året, behov av ändringar i ledningssystemet och vad genomgången säger om ledningssystemet.')), 'iso93'),
  ];
}

export function snOutline(): Section[] {
  return [
    s('lis', 1, 'Ledningssystem för informationssäkerhet, LIS', doc(p('Stadens informationssäkerhetsarbete bygger på ISO 27001 och regleras i en riktlinje med tillämpningsanvisningar. Förvaltningschefen har fastställt en lokal anvisning för hur ledningssystemet tillämpas i serviceförvaltningen.')), 'documents'),
    s('omvarld', 2, 'Vad påverkar Servicenämndens informationssäkerhetsarbete?', doc(p('Förvaltningen hanterar stora mängder information åt stadens verksamheter, bland annat i det centrala upphandlingsuppdraget, och arbetar därför riskbaserat. Med NIS2 blir det kravet tydligare.'))),
    s('budget', 3, 'Finansborgarrådets förslag till budget 2026', doc(p('Budgeten höjer ambitionen för informationssäkerhet efter årets omfattande dataläckage. Förvaltningen är sektorsansvarig för livsmedelsförsörjning och dricksvatten inom stadens civila beredskap.')), 'risks'),
    s('rsa', 3, 'Risk- och sårbarhetsanalys', doc(p('RSA följer en tvåårscykel; en ny cykel börjar 2026. Under 2025 har kontinuitetsplanerna prioriterats och gemensamma principer för system-, el- och personalbortfall beslutades i november. Chefsgruppen krisövade i december; övningar på ekonomi- och upphandlingsavdelningarna är planerade under första kvartalet 2026.')), 'continuity'),
    s('ikp', 3, 'Resultatet från egen uppföljning (IKP)', doc(p('Behörighetskontrollerna blev under året en systematisk del av internkontrollplanen. För att stärka informationshanteringen har förvaltningen också upphandlat systemstödet VisAlfa, som nu införs.')), 'internalControl'),
    s('gdpr', 3, 'Risker som identifierats i GDPR-årsrapport', doc(p('Förvaltningen har nu ett eget dataskyddsombud. Av 2024 års allvarliga avvikelser har bland annat konsekvensbedömningar strukturerats och information till registrerade setts över.')), 'dsoFollowUp'),
    s('utbildning', 3, 'Utbildning av förvaltningsledningen samt enhetschefer och vissa avdelningar', doc(
      p('Inför NIS2 och ledningens ansvar enligt den nya lagen har förvaltningen lagt grunden med utbildningar och genomgångar för förvaltningsledningen, cheferna och några nyckelfunktioner. Tabellen visar årets tillfällen.'),
    ), 'training'),
    s('klassning', 3, 'Informationsklassning – utveckling och åtgärder', doc(p('En klassningsledare har införts och en förenklad blankett publicerats. Omkring 40 klassningar är genomförda eller pågår.')), 'classification'),
    s('incidenthantering', 3, 'Incidenthanteringsprocess – utveckling och åtgärder', doc(p('Antalet rapporterade incidenter ökar, främst för att verksamheterna blivit bättre på att känna igen dem. De flesta är personuppgiftsincidenter av ringa art; en anmäldes till IMY (Miljödata). En kartläggning av användarnas väg genom processen pågår.')), 'incidents'),
    s('aktiviteter', 3, 'Uppföljning av 2025 års aktiviteter', doc(p('Förra årets aktiviteter redovisas med status per område. De som inte hunnits med prioriteras om i planen för 2026.')), 'planFollowUp'),
    s('framat', 1, 'Informationssäkerhetsarbetet framåt'),
    s('arbete-2026', 2, 'Serviceförvaltningens informationssäkerhetsarbete under 2026'),
    s('anvisning', 3, 'Serviceförvaltningens lokala anvisning för informationssäkerhet', doc(p('Anvisningen är presenterad för alla chefer och uppdateras under fjärde kvartalet 2025.'))),
    s('nis2', 3, 'NIS2 – prioriterade områden', doc(ul('Riskhantering', 'Incidenthantering', 'Säkerhet i leveranskedjan', 'Utbildning av ledning och anställda')), 'nis2'),
    s('skyddade', 3, 'Skyddade personuppgifter', doc(p('Hanteringen av skyddad folkbokföring inom lön och pension automatiseras under första halvåret 2026.'))),
    s('prioritering', 1, 'Prioritering av åtgärder', doc(p('Åtgärderna för 2026–2028 redovisas per år.')), 'plan'),
    // Not a chapter of seed 000 (kept last, so its chapters keep their numbers): the review's decisions, recorded in the review.
    s('beslut', 1, 'Ledningens beslut och slutsatser', doc(p('Genomgången presenterades för förvaltningschefen den 4 november 2025. Tabellerna visar beslut och ställningstaganden, behov av ändringar i ledningssystemet och vad genomgången säger om ledningssystemet.')), 'iso93'),
  ];
}
