import type { CreateCameraSite, CreateProcessingActivity } from './contract';

/** A demo activity: the objects by name (looked up in the förvaltning's objektlista), and whether the DSO approved it. */
export type DemoActivity = Omit<CreateProcessingActivity, 'objectIds'> & { objects?: string[]; approved?: boolean };

const HEALTH = 'Uppgifter om hälsa (art. 9)';
const done = (day: string) => ({ dpia: 'gjord' as const, dpiaDate: day });

/**
 * Hässelby-Vällingby's registerförteckning (seed 002: "fullständig", some entries waiting for the DSO's approval after
 * the move from DraftIT): the care systems of the objektlista, administration, e-tjänster, a camera surveillance
 * with its intresseavvägning and Zoom's third-country transfer. Texts, dates and people are this demo's.
 */
export const HV_ACTIVITIES: DemoActivity[] = [
  {
    org: 'hv-hemtjanst', name: 'Dokumentation i hemtjänsten', objects: ['Life Care SP'], approved: true,
    purposes: 'Planera, genomföra och dokumentera beviljade insatser i hemtjänsten samt hälso- och sjukvårdsinsatser i hemmet.',
    legalBasis: 'c', legalBasisNote: 'Dokumentationsplikt enligt socialtjänstlagen och patientdatalagen.',
    dataSubjects: ['Brukare i hemtjänsten', 'Anhöriga och kontaktpersoner', 'Medarbetare'], personalData: ['Namn och personnummer', 'Adress och nyckelinformation', 'Beviljade insatser', 'Journalanteckningar'],
    specialCategories: true, specialCategoriesNote: HEALTH, recipients: 'Biståndshandläggare, legitimerad personal i kommunen, Inspektionen för vård och omsorg vid tillsyn.',
    retention: 'Gallras fem år efter sista anteckning, utom det som bevaras enligt stadens dokumenthanteringsplan.',
    securityMeasures: 'Behörighetsstyrning per enhet, tvåfaktorsinloggning, loggning och årlig loggkontroll.', pubAgreement: 'ja',
    responsible: 'Lena Nord (enhetschef hemtjänsten)', dpiaCriteria: ['kansliga_uppgifter', 'sarbara_registrerade', 'stor_omfattning'], ...done('2024-05-14'),
  },
  {
    org: 'hv-aldre', name: 'Läkemedelshantering med dosdispensering', objects: ['Pascal'], status: 'granskas',
    purposes: 'Beställa och följa upp dosdispenserade läkemedel för brukare som får hjälp med läkemedel.',
    legalBasis: 'c', legalBasisNote: 'Hälso- och sjukvårdslagen, patientdatalagen.', dataSubjects: ['Brukare med dosdispenserade läkemedel'],
    personalData: ['Namn och personnummer', 'Läkemedelslista'], specialCategories: true, specialCategoriesNote: HEALTH,
    recipients: 'E-hälsomyndigheten, apotek, förskrivande läkare.', retention: 'Enligt patientdatalagen, minst tio år.',
    securityMeasures: 'Inloggning med SITHS-kort, behörighet för legitimerad personal.', pubAgreement: 'ej_tillampligt', responsible: 'Anna Ek (avdelningschef äldreomsorg)',
    dpiaCriteria: ['kansliga_uppgifter', 'sarbara_registrerade'],
  },
  {
    org: 'hv-aldre', name: 'Hälso- och sjukvårdsdokumentation i äldreomsorgen', objects: ['Procedo'], approved: true,
    purposes: 'Journalföra och planera hälso- och sjukvård på vård- och omsorgsboenden.', legalBasis: 'c', legalBasisNote: 'Patientdatalagen.',
    dataSubjects: ['Boende på vård- och omsorgsboenden'], personalData: ['Namn och personnummer', 'Journaluppgifter'], specialCategories: true, specialCategoriesNote: HEALTH,
    recipients: 'Regionens vårdgivare vid samordnad vård.', retention: 'Minst tio år efter sista anteckning.',
    securityMeasures: 'SITHS-inloggning, behörighet per vårdrelation, loggkontroll varje månad.', pubAgreement: 'ja', responsible: 'Anna Ek (avdelningschef äldreomsorg)',
    dpiaCriteria: ['kansliga_uppgifter', 'sarbara_registrerade', 'stor_omfattning'], ...done('2023-10-02'),
  },
  {
    org: 'hv-socialtjanst-barn', name: 'Utredningar och insatser för barn och unga', objects: ['Treserva'], approved: true,
    purposes: 'Utreda anmälningar och ansökningar, besluta om och följa upp insatser för barn och unga.', legalBasis: 'e',
    legalBasisNote: 'Myndighetsutövning enligt socialtjänstlagen och LVU.', dataSubjects: ['Barn och unga', 'Vårdnadshavare', 'Anmälare'],
    personalData: ['Namn och personnummer', 'Familjeförhållanden', 'Utredningsuppgifter'], specialCategories: true, specialCategoriesNote: `${HEALTH}; uppgifter om lagöverträdelser (art. 10)`,
    recipients: 'Domstolar, andra kommuner vid flytt, Polismyndigheten enligt lag.', retention: 'Bevaras för forskning enligt socialtjänstförordningen, övrigt gallras efter fem år.',
    securityMeasures: 'Skyddade personuppgifter hanteras i särskild rutin; behörighet per ärende; loggkontroll.', pubAgreement: 'ja', responsible: 'Karl Vik (avdelningschef IFO)',
    dpiaCriteria: ['kansliga_uppgifter', 'sarbara_registrerade', 'utvardering'], ...done('2022-03-15'),
  },
  {
    org: 'hv-ifo', name: 'Ekonomiskt bistånd', objects: ['DEBI'],
    purposes: 'Pröva ansökningar om ekonomiskt bistånd och betala ut beviljat bistånd.', legalBasis: 'e', legalBasisNote: 'Myndighetsutövning enligt socialtjänstlagen.',
    dataSubjects: ['Sökande och deras hushåll'], personalData: ['Namn och personnummer', 'Inkomster och tillgångar', 'Hushållets sammansättning'],
    recipients: 'Försäkringskassan och Skatteverket vid kontroll (samkörning).', retention: 'Gallras fem år efter att ärendet avslutats.',
    securityMeasures: 'Behörighet per handläggare; uppgifter från andra myndigheter hämtas via säker förbindelse.', pubAgreement: 'nej', responsible: 'Karl Vik (avdelningschef IFO)',
    dpiaCriteria: ['utvardering', 'sarbara_registrerade', 'samkorning'],
  },
  {
    org: 'hv-aldre', name: 'Kamerabevakning vid entrén till Vällingby vård- och omsorgsboende', status: 'granskas',
    purposes: 'Förebygga och utreda inbrott och skadegörelse vid boendets entré och varumottagning nattetid.', legalBasis: 'e',
    legalBasisNote: 'Kamerabevakningslagen (2018:1200). Intresseavvägning dokumenterad 2025-05-12: bevakningen begränsas till entrén kl. 22–06, boendes fönster maskeras och skyltning sitter vid entrén.',
    dataSubjects: ['Besökare', 'Boende', 'Medarbetare'], personalData: ['Bild (ingen ljudupptagning)'],
    recipients: 'Polismyndigheten vid anmälan om brott.', retention: 'Inspelningar raderas automatiskt efter 72 timmar om de inte lämnats till polisen.',
    securityMeasures: 'Inspelningar krypteras; två behöriga tittar tillsammans och varje uttag loggas.', pubAgreement: 'ja', responsible: 'Anna Ek (avdelningschef äldreomsorg)',
    dpiaCriteria: ['systematisk_overvakning', 'sarbara_registrerade'],
  },
  {
    org: 'hv-hemtjanst', name: 'Digitala nyckellås i hemtjänsten', approved: true,
    purposes: 'Ge hemtjänstpersonal tillträde till brukares bostäder utan fysiska nycklar.', legalBasis: 'e', legalBasisNote: 'Verkställighet av beviljade insatser enligt socialtjänstlagen.',
    dataSubjects: ['Brukare i hemtjänsten', 'Medarbetare'], personalData: ['Adress', 'Tidpunkt för öppning och vem som öppnade'],
    recipients: 'Inga utanför förvaltningen.', retention: 'Loggar gallras efter sex månader.', securityMeasures: 'Behörighet per arbetspass, loggning.', pubAgreement: 'ja',
    responsible: 'Lena Nord (enhetschef hemtjänsten)', dpiaCriteria: ['systematisk_overvakning', 'sarbara_registrerade'], dpia: 'behovs_ej',
    dpiaReason: 'Bedömt vid upphandlingen: loggarna används bara för att utreda händelser, inte för att följa den enskilde, och behörigheten är snäv.',
  },
  {
    org: 'hv-administration', name: 'Ekonomiadministration', approved: true,
    purposes: 'Hantera leverantörsfakturor, utbetalningar och bokföring.', legalBasis: 'c', legalBasisNote: 'Bokföringslagen och kommunal redovisning.',
    dataSubjects: ['Leverantörer som är enskilda firmor', 'Kontaktpersoner hos leverantörer'], personalData: ['Namn', 'Kontaktuppgifter', 'Bankuppgifter'],
    recipients: 'Serviceförvaltningen (ekonomiservice), revisorer.', retention: 'Räkenskapsinformation sparas i sju år.',
    securityMeasures: 'Attestflöde med dualitet, behörighetsgranskning två gånger om året.', pubAgreement: 'ej_tillampligt', responsible: 'Administrativa avdelningen',
  },
  {
    org: 'hv-administration', name: 'Personaladministration', approved: true,
    purposes: 'Anställa, avlöna och följa upp medarbetare, inklusive rehabilitering.', legalBasis: 'b', legalBasisNote: 'Anställningsavtal; rättsliga förpliktelser enligt arbetsrätt och skattelagstiftning.',
    dataSubjects: ['Medarbetare', 'Tidigare medarbetare'], personalData: ['Namn och personnummer', 'Lön och frånvaro', 'Rehabiliteringsärenden'],
    specialCategories: true, specialCategoriesNote: `${HEALTH}; fackligt medlemskap`, recipients: 'Skatteverket, Försäkringskassan, pensionsförvaltare.',
    retention: 'Enligt stadens dokumenthanteringsplan för personalakter.', securityMeasures: 'Rehabiliteringsärenden i separat behörighet.', pubAgreement: 'ja',
    responsible: 'HR-chef', dpiaCriteria: ['kansliga_uppgifter'],
  },
  {
    org: 'hv-administration', name: 'E-tjänster för invånare',
    purposes: 'Ta emot ansökningar, anmälningar och synpunkter digitalt.', legalBasis: 'e', legalBasisNote: 'Förvaltningslagens serviceskyldighet.',
    dataSubjects: ['Invånare som använder e-tjänsterna'], personalData: ['Namn och personnummer', 'Kontaktuppgifter', 'Ärendets innehåll'],
    recipients: 'Handläggande enhet.', retention: 'Enligt respektive ärendetyp i dokumenthanteringsplanen.', securityMeasures: 'Inloggning med e-legitimation, krypterad överföring.',
    pubAgreement: 'ja', responsible: 'Jonas Ström (enhetschef it och digitalisering)', dpiaCriteria: ['stor_omfattning'],
  },
  {
    org: 'hv-it', name: 'Videomöten i Zoom', objects: ['Zoom'],
    purposes: 'Hålla videomöten med externa parter som inte kan använda stadens ordinarie mötestjänst.', legalBasis: 'e',
    dataSubjects: ['Medarbetare', 'Externa mötesdeltagare'], personalData: ['Namn', 'E-postadress', 'Bild och ljud under mötet', 'Mötesloggar'],
    recipients: 'Zoom Video Communications och dess underbiträden.', thirdCountryTransfer: true, thirdCountries: 'USA', transferTool: 'scc', tiaDone: false,
    retention: 'Mötesloggar hos leverantören sparas i tolv månader; inspelning är avstängd.', securityMeasures: 'Väntrum och lösenord på möten; AI-sammanfattning avstängd.',
    pubAgreement: 'ja', responsible: 'Jonas Ström (enhetschef it och digitalisering)', dpiaCriteria: ['ny_teknik'],
  },
];

/** Servicenämnden's registerförteckning (seed 000: DPIAs done structurally in procurements): payroll, invoices, the contact centre. */
export const SN_ACTIVITIES: DemoActivity[] = [
  {
    org: 'sf-ekonomi', name: 'Löneadministration för stadens förvaltningar', objects: ['Lönesystemet', 'Skyddade personuppgifter i lön'], approved: true,
    purposes: 'Beräkna och betala ut lön samt redovisa skatt och avgifter.', legalBasis: 'c', legalBasisNote: 'Skatteförfarandelagen, anställningsavtal.',
    dataSubjects: ['Stadens medarbetare'], personalData: ['Namn och personnummer', 'Lön och frånvaro', 'Bankuppgifter'], specialCategories: true,
    specialCategoriesNote: `${HEALTH} (sjuklön); fackligt medlemskap`, recipients: 'Skatteverket, Försäkringskassan, pensionsförvaltare, banker.',
    retention: 'Löneunderlag sparas i sju år.', securityMeasures: 'Skyddade personuppgifter i separat behörighet, loggkontroll.', pubAgreement: 'ja',
    responsible: 'Avdelningschef ekonomi', dpiaCriteria: ['kansliga_uppgifter', 'stor_omfattning'], ...done('2023-06-01'),
  },
  {
    org: 'sf-ekonomi', name: 'Leverantörsfakturor och reskontra', objects: ['Fakturaskanningen', 'Leverantörsreskontran'], approved: true,
    purposes: 'Skanna, attestera och betala leverantörsfakturor.', legalBasis: 'c', legalBasisNote: 'Bokföringslagen.',
    dataSubjects: ['Kontaktpersoner hos leverantörer', 'Enskilda firmor'], personalData: ['Namn', 'Kontaktuppgifter', 'Bankuppgifter'],
    recipients: 'Förvaltningarnas attestanter, revisorer.', retention: 'Sju år.', securityMeasures: 'Attestflöde med dualitet.', pubAgreement: 'ja', responsible: 'Avdelningschef ekonomi',
  },
  {
    org: 'sf-kontaktcenter', name: 'Kundtjänstärenden i Kontaktcenter Stockholm', objects: ['Artvise', 'Telia ACE'], approved: true,
    purposes: 'Besvara invånares frågor och lämna ärenden vidare till rätt förvaltning.', legalBasis: 'e', legalBasisNote: 'Förvaltningslagens serviceskyldighet.',
    dataSubjects: ['Invånare som kontaktar staden'], personalData: ['Namn', 'Kontaktuppgifter', 'Ärendets innehåll'],
    recipients: 'Stadens förvaltningar och bolag.', retention: 'Ärenden gallras efter två år.', securityMeasures: 'Behörighet per ärendegrupp, loggning.', pubAgreement: 'ja',
    responsible: 'Helena Vass (avdelningschef Kontaktcenter)', dpiaCriteria: ['stor_omfattning'],
  },
  {
    org: 'sf-kontaktcenter', name: 'Inspelning av samtal', objects: ['Inspelning av samtal'], status: 'granskas',
    purposes: 'Spela in samtal för att kunna följa upp kvaliteten i bemötandet.', legalBasis: 'e',
    dataSubjects: ['Invånare som ringer', 'Medarbetare i kontaktcentret'], personalData: ['Röst', 'Telefonnummer', 'Samtalets innehåll'],
    recipients: 'Inga utanför kontaktcentret.', retention: 'Inspelningar raderas efter 30 dagar.', securityMeasures: 'Uppspelning bara för gruppledare, loggning.', pubAgreement: 'ja',
    responsible: 'Helena Vass (avdelningschef Kontaktcenter)', dpiaCriteria: ['systematisk_overvakning', 'stor_omfattning'],
  },
  {
    org: 'sf-kontaktcenter', name: 'Chatt på stadens webbplats', objects: ['Chattfunktionen på webben'], status: 'granskas',
    purposes: 'Svara på invånares frågor i chatt, med en AI-assistent som föreslår svar.', legalBasis: 'e',
    dataSubjects: ['Invånare som chattar'], personalData: ['Chattens innehåll', 'IP-adress'], recipients: 'Leverantören och dess underbiträde för drift.',
    thirdCountryTransfer: true, thirdCountries: 'USA (underbiträde för drift)', transferTool: 'scc', tiaDone: true,
    retention: 'Chattar raderas efter 90 dagar.', securityMeasures: 'Varning i chatten mot att lämna känsliga uppgifter; maskning av personnummer.', pubAgreement: 'ja',
    responsible: 'Helena Vass (avdelningschef Kontaktcenter)', dpiaCriteria: ['ny_teknik', 'stor_omfattning'], ...done('2025-02-10'),
  },
  {
    org: 'servicenamnden', name: 'Rekrytering', objects: ['Rekryteringsverktyget'],
    purposes: 'Annonsera tjänster, ta emot ansökningar och välja kandidater.', legalBasis: 'b', legalBasisNote: 'Åtgärder före avtal på den sökandes begäran.',
    dataSubjects: ['Sökande'], personalData: ['Namn', 'Kontaktuppgifter', 'CV och personligt brev'], recipients: 'Rekryterande chefer.',
    retention: 'Ansökningar från ej anställda gallras två år efter avslutad rekrytering.', pubAgreement: 'ja', responsible: 'HR-chef', dpiaCriteria: ['utvardering'],
  },
  {
    org: 'servicenamnden', name: 'Medarbetarenkät', objects: ['Medarbetarenkäten'], approved: true,
    purposes: 'Följa upp arbetsmiljön årligen.', legalBasis: 'e', dataSubjects: ['Medarbetare'], personalData: ['Svar på enkätfrågor', 'Organisatorisk tillhörighet'],
    recipients: 'Enkätleverantören (biträde).', retention: 'Svar på individnivå raderas efter sammanställning.', securityMeasures: 'Resultat visas bara för grupper om minst fem.', pubAgreement: 'ja',
    responsible: 'HR-chef',
  },
  {
    org: 'servicenamnden', name: 'Diarieföring och arkivering', objects: ['Diariet', 'E-arkivet'], approved: true,
    purposes: 'Registrera och bevara allmänna handlingar.', legalBasis: 'c', legalBasisNote: 'Offentlighets- och sekretesslagen, arkivlagen.',
    dataSubjects: ['Avsändare och mottagare av handlingar'], personalData: ['Namn', 'Kontaktuppgifter', 'Ärendemening'],
    recipients: 'Allmänheten vid begäran om allmän handling (efter sekretessprövning), Stadsarkivet.', retention: 'Bevaras enligt dokumenthanteringsplanen.', pubAgreement: 'ej_tillampligt',
    responsible: 'Registrator',
  },
  {
    org: 'sf-upphandling', name: 'Upphandling och leverantörsuppföljning', objects: ['Upphandlingsstödet', 'Leverantörsuppföljningen'],
    purposes: 'Genomföra upphandlingar och följa upp leverantörers åtaganden.', legalBasis: 'c', legalBasisNote: 'Lagen om offentlig upphandling.',
    dataSubjects: ['Kontaktpersoner hos anbudsgivare', 'Nyckelpersoner i anbud'], personalData: ['Namn', 'Kontaktuppgifter', 'CV i anbud'],
    recipients: 'Anbudsgivare vid insyn, förvaltningsrätt vid överprövning.', pubAgreement: 'ja', responsible: 'Avdelningschef upphandling',
  },
];

/** A demo camera site: the processing activity by name (in the same organisation), if any. */
export type DemoCameraSite = Omit<CreateCameraSite, 'activityId'> & { activity?: string };

/**
 * Hässelby-Vällingby's kamerabevakning (seed 002: the new rules from 2025-04-01 and the budget's encouragement to use
 * cameras for safety): the förvaltningshus entrance, ended 2023; a care home's entrance, started in May 2025 after its
 * intresseavvägning; a care home's garage running since 2022 without one and without signs. Texts are this demo's.
 */
export const HV_CAMERA_SITES: DemoCameraSite[] = [
  {
    org: 'hv-administration', name: 'Entré och reception i förvaltningshuset',
    location: 'Förvaltningshuset vid Vällingby torg, bottenvåningen', purpose: 'Skydda receptionens personal vid hot och våld och utreda inbrott efter stängning.',
    area: 'Entrédörrar, reception och väntrum', cameras: 3, sound: false, storageDays: 30, startedOn: '2017-09-04', endedOn: '2023-08-31', signs: true,
    balancing: 'Bevakningen beslutades före de nya reglerna och avslutades när receptionen flyttade till kontaktcentret. Kamerorna är nedmonterade och inspelningarna raderade.',
    balancingDate: '2017-08-15', balancingBy: 'Förvaltningens säkerhetssamordnare',
  },
  {
    org: 'hv-aldre', name: 'Entrén till Vällingby vård- och omsorgsboende', activity: 'Kamerabevakning vid entrén till Vällingby vård- och omsorgsboende',
    location: 'Huvudentrén och varumottagningen, Vällingby vård- och omsorgsboende', purpose: 'Förebygga och utreda inbrott och skadegörelse nattetid.',
    area: 'Entrén och varumottagningen kl. 22–06; boendes fönster maskeras', cameras: 2, sound: false, storageDays: 3, startedOn: '2025-05-19', signs: true,
    balancing: 'Tre inbrott i varumottagningen under 2024 väger tyngre än intrånget för besökare och medarbetare nattetid. Bevakningen begränsas till '
      + 'entrén kl. 22–06, boendes fönster maskeras, ingen ljudupptagning och inspelningar raderas efter 72 timmar. Boenderådet och skyddsombudet har hörts.',
    balancingDate: '2025-05-12', balancingBy: 'Anna Ek (avdelningschef äldreomsorg) med dataskyddsombudet',
  },
  {
    org: 'hv-aldre', name: 'Garaget under Hässelby vård- och omsorgsboende',
    location: 'Garaget under Hässelby vård- och omsorgsboende, infart från baksidan', purpose: 'Förebygga stölder ur hemtjänstens och boendets bilar.',
    area: 'Garagets infart och parkeringsplatser', cameras: 4, sound: false, storageDays: 14, startedOn: '2022-10-03', signs: false,
  },
];
