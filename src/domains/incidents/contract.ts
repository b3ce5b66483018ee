import { z } from '@hono/zod-openapi';
import { CLOCK_KEYS, CLOCK_STATES } from './clocks';
import { BREACH_CAUSES, BREACH_TYPES, DATA_CATEGORIES, NOT_INFORMING_REASONS, SUBJECT_CATEGORIES } from './breach-model';
import { BULK_MAX, DESCRIPTION_MAX, INCIDENT_KINDS, INCIDENT_STATUSES, PERSONAL_DATA, RISK_ASSESSMENTS, SEARCH_MAX } from './model';
import { instantProblem } from '../../server/platform/time';
import { int4, IsoDate, YearQuery } from '../../server/platform/schema';
import { UUID_RE } from '../../server/platform/uuid7';

/**
 * The incidents API contract: request bodies and queries (strict) and the shapes returned. Times are text:
 * ISO 8601 with a zone, or a local "YYYY-MM-DDTHH:MM" that is read as Stockholm time.
 */
/** A time as text (time.ts parseInstant); the refusal says why in both languages ("sv / en", validation.ts). */
export const InstantText = z.string().max(40).superRefine((v, c) => {
  const why = instantProblem(v);
  if (why) c.addIssue({ code: 'custom', message: `${why.sv} / ${why.en}` });
}).openapi({ example: '2025-03-29T10:00' });
const DateText = IsoDate;
const OrgSlug = z.string().min(2).max(64);
const Title = z.string().trim().min(1).max(200);
const Description = z.string().max(DESCRIPTION_MAX);
const Status = z.enum(INCIDENT_STATUSES);
const Kind = z.enum(INCIDENT_KINDS);
const Category = z.string().trim().min(1).max(100);
const PersonalData = z.enum(PERSONAL_DATA);
const Risk = z.enum(RISK_ASSESSMENTS);

export const CreateIncident = z.strictObject({
  org: OrgSlug,
  title: Title,
  description: Description.optional(),
  kind: Kind.nullable().optional(),
  category: Category.nullable().optional(),
  personalData: PersonalData.optional(),
  occurredAt: InstantText.nullable().optional(),
  discoveredAt: InstantText.nullable().optional(),
  reportedAt: InstantText.optional(),
  handlerId: z.uuid().nullable().optional(),
  riskAssessment: Risk.nullable().optional(),
  assessmentText: z.string().max(5000).optional(),
  protectedIdentity: z.boolean().optional(),
  nis2Significant: z.boolean().optional(),
  externalId: z.string().trim().min(1).max(100).optional(),
  unitText: z.string().trim().max(200).optional(),
}).openapi('CreateIncident');
export type CreateIncident = z.infer<typeof CreateIncident>;

export const UpdateIncident = z.strictObject({
  version: int4().min(1),
  title: Title.optional(),
  description: Description.optional(),
  kind: Kind.nullable().optional(),
  category: Category.nullable().optional(),
  personalData: PersonalData.optional(),
  occurredAt: InstantText.nullable().optional(),
  discoveredAt: InstantText.nullable().optional(),
  status: Status.optional(),
  handlerId: z.uuid().nullable().optional(),
  riskAssessment: Risk.nullable().optional(),
  assessmentText: z.string().max(5000).optional(),
  reportedToImy: z.boolean().optional(),
  imyReportedAt: InstantText.nullable().optional(),
  imyReference: z.string().trim().max(100).nullable().optional(),
  subjectsInformedAt: InstantText.nullable().optional(),
  nis2Significant: z.boolean().optional(),
  reportedToCsirt: z.boolean().optional(),
  csirtEarlyWarningAt: InstantText.nullable().optional(),
  csirtNotificationAt: InstantText.nullable().optional(),
  csirtFinalReportAt: InstantText.nullable().optional(),
  protectedIdentity: z.boolean().optional(),
}).openapi('UpdateIncident');
export type UpdateIncident = z.infer<typeof UpdateIncident>;

/** The 60-second report: what, when, where, personal data or not — and optionally a category template. */
export const QuickReport = z.strictObject({
  title: Title,
  description: Description.optional(),
  occurredAt: InstantText.optional(),
  org: OrgSlug,
  personalData: PersonalData,
  category: Category.optional(),
  protectedIdentity: z.boolean().optional(),
}).openapi('QuickReport');
export type QuickReport = z.infer<typeof QuickReport>;

export const Receipt = z.object({ id: z.uuid(), number: z.string(), reportedAt: z.string(), status: Status }).openapi('IncidentReceipt');

/**
 * Triage of many incidents. `versions` (optional, id → version as read, any number of the ids): when one of them has
 * changed since, nothing is written (409 stale_version). Without it the change applies to the incidents as they are.
 */
export const BulkUpdate = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(BULK_MAX),
  versions: z.record(z.uuid(), int4().min(1)).optional().openapi({
    description: 'Versionen som var incident lästes i, per id (optimistisk låsning: har någon ändrats sedan svarar 409 stale_version och inget ändras) / the version each incident was read at, by id (optimistic locking: 409 stale_version if any changed since, nothing written)',
    example: { '0190a3c4-1111-7222-8333-444455556666': 3 },
  }),
  set: z.strictObject({
    status: Status.optional(),
    handlerId: z.uuid().nullable().optional(),
    kind: Kind.nullable().optional(),
    category: Category.nullable().optional(),
  }).refine((s) => Object.keys(s).length > 0, { message: 'ange minst ett fält / give at least one field' }),
}).superRefine((v, c) => {
  // A version of an incident not asked to change is a mistake of the caller's (a copied list?): said, not ignored.
  const ids = new Set(v.ids.map((id) => id.toLowerCase()));
  const stray = Object.keys(v.versions ?? {}).find((id) => !ids.has(id.toLowerCase()));
  if (stray) c.addIssue({ code: 'custom', path: ['versions', stray], message: 'id:t finns inte bland ids / the id is not one of ids' });
}).openapi('BulkUpdate');
export type BulkUpdate = z.infer<typeof BulkUpdate>;

/**
 * The list's orders: reported time (newest first by default), or a column (sort.ts), "-" for descending. A column's
 * rows without a value come last either way; ties are newest first.
 */
export const SORTS = [
  '-reported', 'reported',
  ...(['number', 'title', 'org', 'status', 'handler', 'kind', 'category', 'externalId'] as const).flatMap((c) => [c, `-${c}`] as const),
] as const;
export const ListQuery = z.object({
  org: OrgSlug.optional(),
  status: z.string().max(200).optional().openapi({ description: 'En eller flera statusar, kommaseparerade / one or more, comma-separated' }),
  kind: Kind.optional(),
  category: z.string().max(100).optional(),
  year: YearQuery().optional(),
  personalData: z.enum(['ja', 'nej', 'vet_ej', 'breach']).optional(),
  sinceYear: YearQuery().optional().openapi({ description: 'Rapporterade från och med detta år / reported from this year on' }),
  overdue: z.enum(['true', 'false']).optional(),
  protected: z.enum(['true', 'false']).optional(),
  q: z.string().max(SEARCH_MAX).optional(),
  handler: z.union([z.uuid(), z.enum(['me', 'none'])]).optional(),
  breachDocumented: z.enum(['true', 'false']).optional().openapi({ description: 'Personuppgiftsincidenter med (true) eller utan (false) dokumentation enligt art. 33.5 / breaches with or without their art. 33.5 record' }),
  reporter: z.enum(['me']).optional().openapi({ description: 'me: bara incidenter jag själv rapporterat / only incidents I reported' }),
  sort: z.enum(SORTS).optional().openapi({ description: 'Ordning: -reported (nyast först, standard), reported, eller en kolumn (number, title, org, status, handler, kind, category, externalId), med - för fallande / order, - for descending' }),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2000).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

/** The list's filters without its page (sort, limit, cursor): what a count answers for. */
export const CountQuery = ListQuery.omit({ cursor: true, limit: true, sort: true });
export type CountQuery = z.infer<typeof CountQuery>;
/**
 * How far a count goes. Counting walks the matches: a common word over a förvaltning of 40,000 incidents took 854 ms to
 * reach 10,000 on the bench city, and the count asks again at every change of filter. A thousand tells triage what it
 * needs (whether one step takes them all, at most BULK_MAX) and the reader "more than 1 000".
 */
export const COUNT_CAP = 1_000;
export const ListCount = z.object({
  count: z.number().int().min(0).openapi({ description: `Antal som matchar, högst ${COUNT_CAP} / matching incidents, at most ${COUNT_CAP}` }),
  capped: z.boolean().openapi({ description: `Fler än ${COUNT_CAP} matchar / more than ${COUNT_CAP} match` }),
}).openapi('IncidentListCount');
export type ListCount = z.infer<typeof ListCount>;

export const ExportQuery = ListQuery.omit({ cursor: true, limit: true }).extend({
  format: z.enum(['csv', 'xlsx']),
  includeProtected: z.enum(['true', 'false']).optional().openapi({
    description: 'Ta med skyddade beskrivningar (kräver incident.protected; loggas) / include protected descriptions (needs incident.protected; audited)',
  }),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

export const YearsQuery = z.object({ org: OrgSlug.optional() });
export type YearsQuery = z.infer<typeof YearsQuery>;
export const IncidentYears = z.object({
  years: z.array(int4()).openapi({ description: 'År med rapporterade incidenter och innevarande år, nyast först / years with reported incidents and the current year, newest first' }),
}).openapi('IncidentYears');
export type IncidentYears = z.infer<typeof IncidentYears>;

export const StatsQuery = z.object({
  org: OrgSlug,
  year: YearQuery(),
  asOf: DateText.optional(),
});

export const CreateAction = z.strictObject({
  title: z.string().trim().min(1).max(300),
  ownerId: z.uuid().nullable().optional(),
  dueDate: DateText.nullable().optional(),
  status: z.enum(['planerad', 'pagar', 'klar']).optional(),
}).openapi('CreateIncidentAction');
export type CreateAction = z.infer<typeof CreateAction>;
export const UpdateAction = CreateAction.partial().extend({ version: int4().min(1) }).strict().openapi('UpdateIncidentAction');
export type UpdateAction = z.infer<typeof UpdateAction>;

export const CreateComment = z.strictObject({ body: z.string().trim().min(1).max(10_000) });
/**
 * What an incident can link to. Internal types name a record by its id and are resolved by the owning domain's
 * link-target provider (`<domain>/link-targets.ts`); `url` is a web address (an IMY case, a supplier's notice).
 * A new type: add it here, add its provider, and its label in the web app (links.type.*).
 */
export const LINK_TARGET_TYPES = ['incident', 'risk', 'document', 'plan_activity', 'object', 'processing_activity', 'supplier', 'url'] as const;
export type LinkTargetType = (typeof LINK_TARGET_TYPES)[number];
export const INTERNAL_LINK_TYPES = ['incident', 'risk', 'document', 'plan_activity', 'object', 'processing_activity', 'supplier'] as const satisfies readonly LinkTargetType[];
/** Only http(s) addresses are stored as links (never javascript:, data: …). */
export function isWebUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname;
  } catch {
    return false;
  }
}

export const CreateLink = z.strictObject({
  targetType: z.enum(LINK_TARGET_TYPES),
  targetId: z.string().trim().min(1).max(2000).openapi({ description: 'Postens id (uuid), eller adressen för url / the record\'s id (uuid), or the address for url' }),
  note: z.string().trim().max(500).optional(),
}).superRefine((v, c) => {
  if (v.targetType === 'url' ? !isWebUrl(v.targetId) : !UUID_RE.test(v.targetId)) {
    c.addIssue({
      code: 'custom', path: ['targetId'],
      message: v.targetType === 'url'
        ? 'ange en webbadress som börjar med https:// / give a web address starting with https://'
        : 'ange postens id (uuid) / give the record\'s id (uuid)',
    });
  }
}).openapi('CreateIncidentLink');
export type CreateLink = z.infer<typeof CreateLink>;

export const LinkTargetQuery = z.object({
  type: z.enum(INTERNAL_LINK_TYPES),
  q: z.string().trim().max(200).optional().openapi({ description: 'Del av rubriken, ett nummer (AV-2025-0042) eller ett id / part of the title, a number or an id' }),
});
export type LinkTargetQuery = z.infer<typeof LinkTargetQuery>;
const OrgRef = z.object({ slug: z.string(), name: z.string() });
export const LinkTargetDto = z.object({ id: z.string(), title: z.string(), href: z.string(), org: OrgRef.nullable() }).openapi('LinkTarget');

const CategoryFields = {
  kind: Kind.nullable().optional(),
  personalData: PersonalData.nullable().optional(),
  riskAssessment: Risk.nullable().optional(),
  assessmentText: z.string().max(5000).optional(),
  firstActions: z.array(z.string().trim().min(1).max(300)).max(20).optional(),
  active: z.boolean().optional(),
};
export const CreateCategory = z.strictObject({ org: OrgSlug, name: Category, ...CategoryFields }).openapi('CreateIncidentCategory');
export type CreateCategory = z.infer<typeof CreateCategory>;
export const UpdateCategory = z.strictObject({ version: int4().min(1), name: Category.optional(), ...CategoryFields }).openapi('UpdateIncidentCategory');
export type UpdateCategory = z.infer<typeof UpdateCategory>;
export const CopyCategories = z.strictObject({ org: OrgSlug });
export const CategoryListQuery = z.object({ org: OrgSlug });

/** A category with its template. Built-in defaults have no id and no version (they are not rows). */
export const CategoryDto = z.object({
  id: z.string().nullable(),
  name: z.string(),
  kind: z.string().nullable(),
  personalData: PersonalData.nullable(),
  riskAssessment: Risk.nullable(),
  assessmentText: z.string(),
  firstActions: z.array(z.string()),
  active: z.boolean(),
  version: int4().nullable(),
}).openapi('IncidentCategory');
export type CategoryDto = z.infer<typeof CategoryDto>;
/** The list that applies to an organisation: its own, the nearest ancestor's (inherited) or the built-in defaults. */
export const CategoryList = z.object({
  org: OrgRef,
  source: z.enum(['own', 'inherited', 'default']),
  from: OrgRef.nullable(),
  items: z.array(CategoryDto),
}).openapi('IncidentCategoryList');
export type CategoryList = z.infer<typeof CategoryList>;
export const CategoryUpdated = CategoryDto.extend({
  renamedIncidents: int4().openapi({ description: 'Incidenter vars kategoritext följde med namnbytet / incidents whose category text followed the rename' }),
}).openapi('IncidentCategoryUpdated');

export const ClockDto = z.object({
  key: z.enum(CLOCK_KEYS),
  label_sv: z.string(),
  label_en: z.string(),
  deadline: z.string(),
  deadlineLocal: z.string(),
  remainingMs: z.number().nullable(),
  state: z.enum(CLOCK_STATES),
  /** The duty is done; false when the clock stopped only because the incident was closed. */
  met: z.boolean(),
  metAt: z.string().nullable(),
  /** Art. 34 met by an exemption under art. 34.3 (a, b or c, from the breach record) rather than by informing the data subjects. */
  exemption: z.enum(NOT_INFORMING_REASONS).nullable(),
  /** The deadline is set by law; false for art. 34, whose 72 h is Tillit's internal target ("without undue delay"). */
  legal: z.boolean(),
  /** Counted from the report time because the discovery time is missing. */
  fromReport: z.boolean(),
});

/** A running clock of one incident in the Tidsfrister list (GET /api/incidents/deadlines), nearest deadline first. */
export const DeadlineItemDto = z.object({
  incidentId: z.string(),
  number: z.string(),
  title: z.string(),
  org: z.object({ slug: z.string(), name: z.string() }),
  clock: z.enum(CLOCK_KEYS),
  label_sv: z.string(),
  label_en: z.string(),
  deadline: z.string(),
  deadlineLocal: z.string(),
  remainingMs: z.number(),
  state: z.enum(CLOCK_STATES),
  /** The deadline is set by law; false for art. 34's internal target. */
  legal: z.boolean(),
}).openapi('IncidentDeadline');
export type DeadlineItem = z.infer<typeof DeadlineItemDto>;

/** A category and its template as the report form and the filters use it; `source` is the list's organisation or "default". */
export const CategoryTemplateDto = CategoryDto.pick({ name: true, kind: true, personalData: true, riskAssessment: true, assessmentText: true, firstActions: true })
  .extend({ source: z.string() }).openapi('IncidentCategoryTemplate');

const Ref = z.object({ id: z.string(), name: z.string() }).nullable();
export const IncidentSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  org: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
  externalId: z.string().nullable(),
  unitText: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  kind: z.string().nullable(),
  category: z.string().nullable(),
  personalData: PersonalData,
  occurredAt: z.string().nullable(),
  discoveredAt: z.string().nullable(),
  reportedAt: z.string(),
  status: Status,
  handler: Ref,
  reporterId: z.string().nullable(),
  riskAssessment: Risk.nullable(),
  /** Null, as description, for one who may not read a protected record's free text. */
  assessmentText: z.string().nullable(),
  reportedToImy: z.boolean(),
  imyReportedAt: z.string().nullable(),
  imyReference: z.string().nullable(),
  subjectsInformedAt: z.string().nullable(),
  /** Null with the CSIRT times and subjectsInformedAt in the reporter's view (reporterView): the handlers' judgement, not theirs. */
  nis2Significant: z.boolean().nullable(),
  reportedToCsirt: z.boolean().nullable(),
  csirtEarlyWarningAt: z.string().nullable(),
  csirtNotificationAt: z.string().nullable(),
  csirtFinalReportAt: z.string().nullable(),
  protectedIdentity: z.boolean(),
  /** True when this caller is not shown the protected content (description, comments, attachments; a reporter still gets what they added). */
  protected: z.boolean(),
  overdue: z.boolean(),
  clocks: z.array(ClockDto),
  version: int4(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).openapi('IncidentSummary');
export type IncidentSummary = z.infer<typeof IncidentSummary>;

/**
 * A row of the incident list: what the list shows, its legal clocks and its version. The record itself
 * (GET /api/incidents/{id}) has the rest; a list never carries descriptions.
 */
export const IncidentListItem = IncidentSummary.pick({
  id: true, number: true, org: true, externalId: true, title: true, kind: true, category: true, personalData: true,
  reportedAt: true, status: true, handler: true, protectedIdentity: true, overdue: true, clocks: true, version: true,
}).openapi('IncidentListItem');
export type IncidentListItem = z.infer<typeof IncidentListItem>;

/** `title` is null for one who may not read a protected record's free text (an action may name the person). */
export const ActionDto = z.object({ id: z.string(), title: z.string().nullable(), owner: Ref, dueDate: z.string().nullable(), status: z.string(), overdue: z.boolean(), version: int4() });
export const CommentDto = z.object({ id: z.string(), author: z.string(), body: z.string(), createdAt: z.string() });
export const AttachmentDto = z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: int4(), sha256: z.string(), createdAt: z.string() });
/** A link with its target as the caller may see it: title and href are null when the record is gone or hidden from them. */
export const LinkDto = z.object({
  id: z.string(), targetType: z.string(), targetId: z.string().nullable(), note: z.string().nullable(), createdAt: z.string(),
  title: z.string().nullable(), href: z.string().nullable(), org: z.object({ slug: z.string(), name: z.string() }).nullable(),
}).openapi('IncidentLink');
export const HistoryDto = z.object({ from: z.string().nullable(), to: z.string(), at: z.string(), actor: z.string().nullable(), source: z.string() });

export const IncidentDetail = IncidentSummary.extend({
  actions: z.array(ActionDto),
  comments: z.array(CommentDto).nullable(),
  attachments: z.array(AttachmentDto).nullable(),
  links: z.array(LinkDto),
  history: z.array(HistoryDto),
  allowedStatuses: z.array(Status),
  /**
   * True when the caller reads the incident only as its reporter (no incident.read): the handlers' work — actions,
   * links, the risk assessment, the legal clocks, NIS2 significance, the CSIRT reports, when the data subjects were
   * informed, and the handlers' comments and attachments — is left out (empty or null); comments
   * and attachments hold only those the reporter added themselves.
   */
  reporterView: z.boolean(),
}).openapi('Incident');
export type IncidentDetail = z.infer<typeof IncidentDetail>;

const Counts = z.record(z.string(), int4());
/** The figures of the stats endpoint and of the management review's `incidents` section (one shape). */
export const IncidentFigures = z.object({
  total: int4(),
  previousYearTotal: int4(),
  byStatus: Counts,
  byKind: Counts,
  byCategory: Counts,
  /** The year before, by kind and by category (year on year, as the management review compares them). */
  byKindPreviousYear: Counts,
  byCategoryPreviousYear: Counts,
  byMonth: z.object({ current: z.array(int4()), previous: z.array(int4()) }),
  personalData: int4(),
  personalDataPreviousYear: int4(),
  reportedToIMY: int4(),
  reportedToCSIRT: int4(),
  reportedToIMYPreviousYear: int4(),
  reportedToCSIRTPreviousYear: int4(),
  asOf: z.string().nullable(),
}).openapi('IncidentFigures');
export type IncidentFigures = z.infer<typeof IncidentFigures>;

/** The personal data breach record (breach.ts): PUT replaces the record's fields, with the version read (0: none yet). */
const Count = int4().min(0).nullable().openapi({ description: 'Ungefärligt antal / approximate number' });
const LongText = z.string().max(10_000);
export const UpdateBreach = z.strictObject({
  version: int4().min(0).openapi({ description: 'Versionen som lästes; 0 när posten inte finns än / the version read; 0 when there is no record yet' }),
  breachTypes: z.array(z.enum(BREACH_TYPES)).max(BREACH_TYPES.length),
  subjectCategories: z.array(z.enum(SUBJECT_CATEGORIES)).max(SUBJECT_CATEGORIES.length),
  subjectCategoriesOther: z.string().trim().max(500),
  subjectCount: Count,
  subjectCountUnknown: z.boolean(),
  dataCategories: z.array(z.enum(DATA_CATEGORIES)).max(DATA_CATEGORIES.length),
  dataCategoriesOther: z.string().trim().max(500),
  recordCount: Count,
  recordCountUnknown: z.boolean(),
  likelyConsequences: LongText,
  measuresTaken: LongText,
  cause: z.enum(BREACH_CAUSES).nullable(),
  delayReason: LongText,
  notInformingReason: z.enum(NOT_INFORMING_REASONS).nullable(),
  notInformingText: LongText,
  markDocumented: z.boolean().optional().openapi({ description: 'Markera som dokumenterad (kräver typ, kategorier, följder och åtgärder) / mark as documented' }),
}).openapi('UpdateIncidentBreach');
export type UpdateBreach = z.infer<typeof UpdateBreach>;

export const BreachDto = UpdateBreach.omit({ markDocumented: true }).extend({
  incidentId: z.string(),
  exists: z.boolean().openapi({ description: 'False: ingen post sparad än (tomma värden) / no record saved yet' }),
  /** Null, as the incident's description, for one who may not read a protected record's free text. */
  subjectCategoriesOther: z.string().nullable(),
  dataCategoriesOther: z.string().nullable(),
  likelyConsequences: z.string().nullable(),
  measuresTaken: z.string().nullable(),
  delayReason: z.string().nullable(),
  notInformingText: z.string().nullable(),
  protected: z.boolean(),
  specialCategories: z.array(z.string()).openapi({ description: 'Särskilda kategorier (art. 9) bland de valda / special categories among those chosen' }),
  criminalData: z.boolean().openapi({ description: 'Uppgifter om lagöverträdelser (art. 10) / criminal-offence data' }),
  /** What the rules need now: the delay reason (IMY notified after 72 h), the art. 34.3 reason (hög risk, not informed). */
  delayReasonRequired: z.boolean(),
  notInformingReasonRequired: z.boolean(),
  documentedAt: z.string().nullable(),
  documentedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  updatedAt: z.string().nullable(),
}).openapi('IncidentBreach');
export type BreachDto = z.infer<typeof BreachDto>;

const Labelled = z.object({ key: z.string(), sv: z.string(), en: z.string() });
/** Underlag för anmälan till IMY: art. 33.3's content in the order of IMY's e-service form. */
export const ImyBasis = z.object({
  incident: z.object({ id: z.string(), number: z.string(), title: z.string() }),
  organisation: z.object({
    name: z.string(), register: z.string(),
    controller: z.string().nullable().openapi({ description: 'Personuppgiftsansvarig nämnd: närmast registrerade på organisationens väg / the nearest controller recorded on the path' }),
    orgNumber: z.string().nullable().openapi({ description: 'Den personuppgiftsansvariges organisationsnummer (närmast registrerade) / the controller\'s organisation number' }),
  }),
  contact: z.object({ name: z.string(), email: z.string() }).nullable(),
  occurredAt: z.string().nullable(),
  discoveredAt: z.string().nullable(),
  reportedToImy: z.boolean(),
  imyReportedAt: z.string().nullable(),
  imyReference: z.string().nullable(),
  description: z.string().nullable(),
  breachTypes: z.array(Labelled),
  cause: Labelled.nullable(),
  subjectCategories: z.array(Labelled),
  subjectCategoriesOther: z.string().nullable(),
  subjectCount: int4().nullable(),
  subjectCountUnknown: z.boolean(),
  dataCategories: z.array(Labelled.extend({ special: z.boolean(), criminal: z.boolean() })),
  dataCategoriesOther: z.string().nullable(),
  recordCount: int4().nullable(),
  recordCountUnknown: z.boolean(),
  likelyConsequences: z.string().nullable(),
  riskAssessment: Risk.nullable(),
  measuresTaken: z.string().nullable(),
  actions: z.array(z.object({ title: z.string().nullable(), status: z.string(), dueDate: z.string().nullable() })),
  subjectsInformedAt: z.string().nullable(),
  notInforming: z.object({ reason: Labelled.nullable(), text: z.string().nullable() }).nullable(),
  lateNotification: z.boolean(),
  delayReason: z.string().nullable(),
  documentedAt: z.string().nullable(),
  protected: z.boolean(),
}).openapi('IncidentImyBasis');
export type ImyBasis = z.infer<typeof ImyBasis>;
