/**
 * The demo plans, summarised from the seeds: Hässelby-Vällingby (seed 002 section 5: 28 activities for 2026 in
 * five areas, 11 for 2027, 2 for 2028) and Servicenämnden (seed 000 section 3). [area, description, responsible,
 * partners, status] Each also has the report year's (2025) activities with how far they came, from what the seeds
 * say of the year's work (002 section 4, 000 section 1.1.6–1.1.7): the follow-up the review reports on.
 */
type Row = [area: string, description: string, responsible: string, partners?: string, status?: 'planerad' | 'pågår' | 'klar' | 'avbruten'];

export const HV_PLAN: Record<number, Row[]> = {
  2025: [
    ['Övergripande', 'Inför en systematik där chefer följer upp att medarbetare har rätt behörigheter', 'ISAM', 'i samarbete med cheferna', 'planerad'],
    ['Övergripande', 'Följ upp systematiskt att åtgärderna efter incidenter är genomförda', 'ISAM', undefined, 'planerad'],
    ['Kompetens', 'Inventera utbildningsbehoven och utbilda chefer och medarbetare i informationssäkerhet', 'ISAM', undefined, 'pågår'],
    ['Kompetens', 'Håll riktade utbildningar i informationssäkerhet och dataskydd', 'ISAM', 'i samarbete med DSO', 'klar'],
    ['Klassning och konsekvensbedömning', 'Klassa verksamhetssystemen som omfattas av NIS på lokal nivå', 'ISAM', 'i samarbete med objektägarna', 'pågår'],
    ['Pm3', 'Publicera dokumentation och mallar för Pm3 på intranätet', 'ISAM', undefined, 'pågår'],
    ['Kontinuitet', 'Bygg in informationssäkerhet i verksamheternas kontinuitetsplaner', 'Säkerhetsstrateg', 'i samarbete med ISAM', 'pågår'],
  ],
  2026: [
    ['Övergripande', 'Etablera en digitaliseringsprocess med roller och ansvar där informationssäkerhet ingår, och gör den känd i verksamheten', 'ISAM', 'i samarbete med IT-strateg'],
    ['Övergripande', 'Genomför det som krävs för att förvaltningen ska uppfylla cybersäkerhetslagen', 'ISAM'],
    ['Övergripande', 'Inför den nya modulen i DraftIT och utbilda dataskyddshandläggarna i den', 'ISAM', 'i samarbete med DSO'],
    ['Övergripande', 'Fortsätt bygga in informationssäkerhet i enheternas kontinuitetsplaner', 'ISAM', 'i samarbete med säkerhetsstrateg'],
    ['Övergripande', 'Gå igenom den fysiska informationssäkerheten', 'ISAM'],
    ['Övergripande', 'Håll igång trillingsamarbetet med regelbundna ISAM-möten och träffar för enhets- och avdelningschefer', 'ISAM', 'i samarbete med trillingen'],
    ['Övergripande', 'Fortsätt införandet av Säkra meddelanden', 'ISAM'],
    ['Övergripande', 'Starta införandet av Säker digital kommunikation (SDK)', 'ISAM'],
    ['Kompetens', 'Skapa en rutin för att chefer och medarbetare gör de digitala utbildningarna, och följ upp att de är gjorda', 'ISAM'],
    ['Kompetens', 'Håll löpande övergripande utbildningar i informationshantering och informationssäkerhet', 'ISAM och arkivarie'],
    ['Kompetens', 'Erbjud verksamheterna utbildningar i informationssäkerhet anpassade efter deras behov', 'ISAM'],
    ['Kompetens', 'Riktade kompetensinsatser för nyckelfunktioner som it-funktionen, informationsredogörare och dataskyddshandläggare', 'ISAM'],
    ['Kompetens', 'Nå grupper som sällan nås i dag, till exempel timvikarier och anställda utan egen dator', 'ISAM'],
    ['Kompetens', 'Riktade insatser för nya områden och ledningsfunktioner som berörs av cybersäkerhetslagen', 'ISAM'],
    ['Kompetens', 'Gör information om informationssäkerhet till en del av introduktionen för nyanställda', 'ISAM'],
    ['Styrdokument', 'Slutför de uppdaterade lokala tillämpningsanvisningarna med ansvaret för objektens dokumentation, och informera om och inför ansvaret', 'ISAM'],
    ['Styrdokument', 'Gå igenom rutinen för incidentrapportering och andra stöddokument varje år', 'ISAM'],
    ['Styrdokument', 'Ta fram en metod för regelbunden uppföljning av både rapportering och åtgärder', 'ISAM'],
    ['Styrdokument', 'Uppdatera rutinen för NIS-incidenter efter cybersäkerhetslagen', 'ISAM'],
    ['Styrdokument', 'Ta fram en exit-plan för leverantörer som för över uppgifter till tredjeland', 'ISAM', 'i samarbete med DSO'],
    ['Klassning och konsekvensbedömning', 'Fortsätt den lokala klassningen av system som omfattas av NIS (hälso- och sjukvård)', 'ISAM'],
    ['Klassning och konsekvensbedömning', 'Delta i stadens normerande klassningar, bland annat ny modul i Infomentor, kommunikationstjänster och GSIT 3.0', 'ISAM', 'i samarbete med trillingen'],
    ['Klassning och konsekvensbedömning', 'Klassa nya objekt lokalt inför upphandling och driftsättning', 'ISAM'],
    ['Klassning och konsekvensbedömning', 'Klassa befintliga systemstöd på objektlistan som ännu inte är klassade', 'ISAM'],
    ['Pm3', 'Fortsätt införa Pm3 för prioriterade objekt enligt objektlistan', 'Pm3-ansvarig'],
    ['Pm3', 'Klassa årligen de objekt som gick in i förvaltning enligt Pm3 under 2025', 'Pm3-ansvarig', 'i samarbete med ISAM'],
    ['Pm3', 'Utbilda och stötta befintliga objektorganisationer, främst objektledare och objektägare', 'Pm3-ansvarig'],
    ['Pm3', 'Höj kompetensen om Pm3 hos chefer och stödfunktioner, till exempel digitalt och på chefsforum', 'Pm3-ansvarig'],
  ],
  2027: [
    ['Övergripande', 'Förankra beslut och rekommendationer i linjeorganisationen så att alla chefer får samma information', 'ISAM'],
    ['NIS2', 'Fortsätt utbildningen kopplad till cybersäkerhetslagen och uppdatera rutiner och riktlinjer som behövs', 'ISAM'],
    ['Övergripande', 'Börja organisera det strukturerade informationssäkerhetsarbetet i processer', 'ISAM'],
    ['Pm3', 'Fortsätt inventera objekt och komplettera objektlistan med nya och gamla systemstöd', 'Pm3-ansvarig'],
    ['Pm3', 'Fortsätt införa Pm3 för prioriterade objekt enligt objektlistan', 'Pm3-ansvarig'],
    ['Pm3', 'Följ upp och klassa årligen de objekt som gått in i förvaltning', 'Pm3-ansvarig', 'i samarbete med ISAM'],
    ['Pm3', 'Utbilda och stötta befintliga objektorganisationer, främst objektledare och objektägare', 'Pm3-ansvarig'],
    ['Pm3', 'Höj kompetensen om Pm3 hos chefer och stödfunktioner med utbildningar, digitala tillfällen och chefsforum', 'Pm3-ansvarig'],
    ['Pm3', 'Börja införa en gemensam yta per objekt för dokumentation och löpande arbete', 'Pm3-ansvarig'],
    ['Pm3', 'Börja införa portföljstyrning kopplad till Pm3', 'Pm3-ansvarig'],
    ['Pm3', 'Bevaka och bygg samverkan mellan centrala och lokala objektledningar där de finns', 'Pm3-ansvarig'],
  ],
  2028: [
    ['Dataskydd', 'Föreslå tydligare mandat och budgetstyrning för dataskydd, med medel utöver inköp och upphandling', 'ISAM', 'i samarbete med DSO'],
    ['Pm3', 'Låt förvaltningen enligt Pm3 omfatta även tydliga processer och verksamhetsfunktioner', 'Pm3-ansvarig'],
  ],
};

export const SN_PLAN: Record<number, Row[]> = {
  2025: [
    ['Övergripande', 'Kartlägg användarresan i incidenthanteringen med intervjuer och föreslå en ny rutin', 'ISAM', 'i samarbete med DSO', 'pågår'],
    ['Styrdokument', 'Presentera den lokala anvisningen för informationssäkerhet för förvaltningens chefer', 'ISAM', undefined, 'klar'],
    ['Klassning och konsekvensbedömning', 'Ta fram en förenklad blankett och presentationsmaterial för informationsklassning', 'ISAM', undefined, 'klar'],
    ['Klassning och konsekvensbedömning', 'Inför rollen klassningsledare', 'ISAM', undefined, 'klar'],
    ['Klassning och konsekvensbedömning', 'Inventera förvaltningens informationsklassningar', 'ISAM', undefined, 'klar'],
    ['Klassning och konsekvensbedömning', 'Förbättra pedagogik, förutsägbarhet och struktur i klassningsprocessen', 'ISAM', undefined, 'pågår'],
  ],
  2026: [
    ['Kompetens', 'Chefer ser till att alla medarbetare och konsulter varje år gör stadens obligatoriska e-utbildningar i informationssäkerhet och dataskydd', 'Chefer'],
    ['Övergripande', 'Chefer genomför de utbildningsinsatser och riskåtgärder som förvaltningen pekar ut för deras avdelningar och enheter', 'Chefer'],
    ['Övergripande', 'Chefer följer upp och utreder de incidenter som verksamheten anmäler i IA', 'Chefer'],
    ['Klassning och konsekvensbedömning', 'Objektledare ser till att informationstillgångar är klassade och att handlingsplanerna från klassningen tas om hand', 'Objektledare'],
    ['Kompetens', 'Ha informationssäkerhet som återkommande tema på chefsforum', 'ISAM'],
    ['NIS2', 'Utveckla rutinerna för informationssäkerhet i inköpsprocessen med sikte på säkerhet i leveranskedjan', 'ISAM', 'i samarbete med upphandlingsavdelningen'],
    ['Styrdokument', 'Utveckla hanteringsanvisningarna', 'ISAM'],
    ['Styrdokument', 'Revidera den lokala anvisningen för informationssäkerhet, bland annat avsnitt 4 om befintliga rutiner', 'ISAM'],
    ['NIS2', 'Ta fram en gemensam process för så många slags incidenter som möjligt (informations- och it-säkerhet, dataskydd, arbetsmiljö)', 'ISAM', 'i samarbete med DSO'],
    ['Kontinuitet', 'Öva enligt kontinuitetsplanerna', 'Säkerhetsansvarig'],
    ['Kompetens', 'Utbilda i informationshantering med fokus på incidenthantering, riskarbete och personuppgifter', 'ISAM', 'i samarbete med DSO'],
    ['Övergripande', 'Överväg ett centralt riskregister för förvaltningen', 'ISAM'],
    ['Övergripande', 'Säkra kompetens och resurser för informationssäkerheten i de centrala upphandlingarna', 'Förvaltningsledningen'],
  ],
  2027: [
    ['Klassning och konsekvensbedömning', 'Granska hur väl den lokala rutinen för regelbundna informationsklassningar följs', 'ISAM'],
    ['NIS2', 'Identifiera och genomför de ytterligare åtgärder som NIS2 kräver', 'ISAM'],
    ['Övergripande', 'Säkra kompetens och resurser för informationssäkerheten i de centrala upphandlingarna', 'Förvaltningsledningen'],
    ['Styrdokument', 'Revidera den lokala anvisningen', 'ISAM'],
    ['Kontinuitet', 'Öva enligt kontinuitetsplanerna', 'Säkerhetsansvarig'],
  ],
  2028: [
    ['Styrdokument', 'Revidera den lokala anvisningen', 'ISAM'],
    ['Klassning och konsekvensbedömning', 'Granska hur väl den lokala rutinen för regelbundna informationsklassningar följs', 'ISAM'],
    ['Kontinuitet', 'Öva utifrån kontinuitetsplanerna', 'Säkerhetsansvarig'],
  ],
};
