/** Contracts (zod) of scales, thresholds, VoR/IKP and åtgärder, shared by API, web and CLI. */
import { z } from '@hono/zod-openapi';
import { int4, IsoDate, PlanningYearField } from '../../server/platform/schema';

export const OrgRef = z.string().min(2).max(64).openapi({ description: 'Organisationens kortnamn (slug) eller id' });
export const Text = (max = 4000) => z.string().trim().max(max);
export const Title = z.string().trim().min(1).max(500);
export const Year = PlanningYearField();
export const ScaleValue = int4().min(1).max(10);
const Version = int4().min(1).openapi({ description: 'Version du ändrar (optimistisk låsning)' });

// --- scales -----------------------------------------------------------------------------------------------

export const Band = z.object({
  min: int4(), max: int4(), color: z.string(), textColor: z.string(), label: z.string(),
}).openapi('RiskBand');

export const Scale = z.object({
  id: z.uuid(),
  cityOrgId: z.uuid(),
  scaleVersion: int4(),
  name: z.string(),
  likelihood: z.array(z.string()),
  consequence: z.array(z.string()),
  bands: z.array(Band),
  max: int4(),
  current: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
}).openapi('RiskScale');
export type Scale = z.infer<typeof Scale>;

const Hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'färg som #rrggbb / colour as #rrggbb');
const Label = z.string().trim().min(1).max(60);

export const CreateScale = z.strictObject({
  org: OrgRef.openapi({ description: 'Någon organisation i staden; skalan gäller stadens rot' }),
  name: z.string().trim().min(1).max(120).optional(),
  preset: z.enum(['4x4', '5x5']).optional(),
  likelihood: z.array(Label).min(2).max(10).optional(),
  consequence: z.array(Label).min(2).max(10).optional(),
  bands: z.array(z.strictObject({ min: int4().min(1), max: int4().min(1), color: Hex, textColor: Hex.optional(), label: Label })).min(1).max(10).optional(),
}).openapi('CreateRiskScale');
export type CreateScale = z.infer<typeof CreateScale>;

export const ScaleList = z.object({
  current: Scale,
  versions: z.array(Scale),
  canCreateVersion: z.boolean().openapi({ description: 'Om du får lägga till en ny version av stadens skala (riskhantering för hela staden)' }),
}).openapi('RiskScaleList');

export const Mapping = z.strictObject({
  sannolikhet: z.array(ScaleValue).min(1).max(10).optional().openapi({ description: 'Nytt värde för gammalt värde 1, 2, … (index 0 = värde 1)' }),
  konsekvens: z.array(ScaleValue).min(1).max(10).optional(),
});

export const MigrationInput = z.strictObject({
  org: OrgRef.openapi({ description: 'Flytta bedömningar i detta underträd' }),
  fromScaleId: z.uuid(),
  toScaleId: z.uuid(),
  mapping: Mapping.optional(),
  /** Apply only: the number of assessments the preview showed; a different number → 409. */
  expectedTotal: int4().min(0).optional(),
}).openapi('RiskScaleMigration');
export type MigrationInput = z.infer<typeof MigrationInput>;

const Assessed = z.object({ sannolikhet: int4(), konsekvens: int4(), riskvarde: int4(), ikp: z.boolean().nullable() });
export const MigrationPreview = z.object({
  from: Scale,
  to: Scale,
  mapping: z.object({ sannolikhet: z.array(int4()), konsekvens: z.array(int4()) }),
  items: z.array(z.object({
    kind: z.enum(['vor_event', 'risk_inherent', 'risk_residual']),
    id: z.uuid(),
    orgId: z.uuid(),
    title: z.string(),
    year: int4().nullable(),
    before: Assessed,
    after: Assessed,
    riskvardeChanged: z.boolean(),
    ikpChanged: z.boolean(),
  })),
  counts: z.object({ total: int4(), records: int4(), riskvardeChanged: int4(), ikpChanged: int4() }),
  applied: z.boolean(),
}).openapi('RiskScaleMigrationPreview');

// --- thresholds -------------------------------------------------------------------------------------------

export const Threshold = z.object({
  orgId: z.uuid(),
  threshold: int4(),
  inherited: z.boolean(),
  /** The org whose setting applies (null: the built-in default 12). */
  sourceOrgId: z.uuid().nullable(),
  own: z.object({ threshold: int4(), version: int4() }).nullable(),
}).openapi('IkpThreshold');

export const SetThreshold = z.strictObject({
  threshold: int4().min(1).max(100).nullable().openapi({ description: 'null tar bort egen tröskel (ärver igen)' }),
  version: Version.optional().openapi({ description: 'Version av egen tröskel om en finns' }),
}).openapi('SetIkpThreshold');

// --- åtgärder ---------------------------------------------------------------------------------------------

export const ACTION_STATUSES = ['planerad', 'pagar', 'klar', 'avbruten'] as const;
export const OPEN_ACTION = ['planerad', 'pagar'] as const;

export const Action = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  parentType: z.string(),
  parentId: z.uuid(),
  title: z.string(),
  owner: z.string(),
  dueDate: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  note: z.string(),
  carriedFromId: z.uuid().nullable(),
  overdue: z.boolean(),
  version: int4(),
}).openapi('RiskAction');
export type Action = z.infer<typeof Action>;

export const CreateAction = z.strictObject({
  parentType: z.enum(['vor_event', 'risk', 'exercise', 'rsa_activity', 'continuity_plan']),
  parentId: z.uuid(),
  title: Title,
  owner: Text(200).optional(),
  dueDate: IsoDate.nullable().optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  note: Text().optional(),
}).openapi('CreateRiskAction');
export type CreateAction = z.infer<typeof CreateAction>;

export const UpdateAction = z.strictObject({
  version: Version,
  title: Title.optional(),
  owner: Text(200).optional(),
  dueDate: IsoDate.nullable().optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  note: Text().optional(),
}).openapi('UpdateRiskAction');
export type UpdateAction = z.infer<typeof UpdateAction>;

export const ACTION_SOURCES = ['vor', 'register', 'rsa', 'continuity_plan', 'exercise'] as const;

export const ActionListQuery = z.object({
  org: OrgRef.optional().openapi({ description: 'Organisationen och dess underträd; utan: alla organisationer personen får läsa / the organisation and its subtree; without: every organisation the person may read' }),
  status: z.enum(['open', 'all']).optional().openapi({ description: 'open: planerad och pågår; all (standard) / open: planned and ongoing; all (default)' }),
  overdue: z.enum(['true', 'false']).optional().openapi({ description: 'true: bara försenade; false: bara ej försenade / only overdue, only not overdue' }),
  limit: z.coerce.number().int().min(1).max(500).optional().openapi({ description: 'Högst 500, standard 500 / at most 500, default 500' }),
  cursor: z.string().max(4096).optional().openapi({ description: 'nextCursor från förra sidan / from the previous page' }),
});
export type ActionListQuery = z.infer<typeof ActionListQuery>;

export const ActionListItem = Action.extend({
  source: z.object({
    kind: z.enum(ACTION_SOURCES),
    label: z.string().openapi({ description: 'T.ex. "VoR 2026 – Förvaltning", "Riskregister", "RSA 2026–2027"' }),
    org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  }),
  parent: z.object({ id: z.uuid(), title: z.string().openapi({ description: 'VoR: "arbetssätt: händelse"' }) }),
  link: z.string().openapi({ description: 'Sökväg i webbappen / path in the web app' }),
}).openapi('RiskActionListItem');
export type ActionListItem = z.infer<typeof ActionListItem>;

export const ActionList = z.object({ items: z.array(ActionListItem), nextCursor: z.string().nullable() }).openapi('RiskActionList');
export type ActionList = z.infer<typeof ActionList>;

// --- VoR --------------------------------------------------------------------------------------------------

export const MANDATORY_PROCESS = 'Systematiskt informationssäkerhetsarbete';
export const MANDATORY_ARBETSSATT = [
  { key: 'behorighetshantering', name: 'Behörighetshantering' },
  { key: 'lokal_anvisning', name: 'Implementering av lokal anvisning' },
  { key: 'incidenthantering', name: 'Incidenthantering' },
  { key: 'informationsklassning', name: 'Informationsklassning' },
  { key: 'upphandling', name: 'Informationssäkerhet inom upphandlingsförfarandet' },
] as const;

export const VorEvent = z.object({
  id: z.uuid(),
  vorId: z.uuid(),
  arbetssattId: z.uuid(),
  title: z.string(),
  motivation: z.string(),
  scaleId: z.uuid(),
  scaleVersion: int4(),
  sannolikhet: int4(),
  sannolikhetLabel: z.string(),
  konsekvens: int4(),
  konsekvensLabel: z.string(),
  riskvarde: int4(),
  band: Band.nullable(),
  /** The proposal: riskvärde at or above the organisation's threshold. */
  ikpProposed: z.boolean(),
  ikpDecision: z.object({ inIkp: z.boolean(), decidedBy: z.string(), decidedByName: z.string().openapi({ description: 'Namnet på den som beslutade, annars adressen' }), decidedAt: z.string(), comment: z.string(), riskvardeAtDecision: int4() }).nullable(),
  followUp: z.string(),
  carry: z.object({
    fromEventId: z.uuid(),
    changed: z.array(z.string()),
    previous: z.object({ title: z.string(), sannolikhet: int4(), konsekvens: int4(), riskvarde: int4() }),
  }).nullable(),
  actions: z.array(Action),
  version: int4(),
}).openapi('VorEvent');
export type VorEvent = z.infer<typeof VorEvent>;

export const Vor = z.object({
  id: z.uuid(),
  org: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  year: int4(),
  status: z.enum(['utkast', 'godkand']),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  previousId: z.uuid().nullable(),
  threshold: int4(),
  scale: Scale,
  processes: z.array(z.object({
    id: z.uuid(), name: z.string(), mandatory: z.boolean(),
    arbetssatt: z.array(z.object({ id: z.uuid(), key: z.string().nullable(), name: z.string(), events: z.array(VorEvent) })),
  })),
  version: int4(),
}).openapi('Vor');
export type Vor = z.infer<typeof Vor>;

export const VorSummary = z.object({
  id: z.uuid(), orgId: z.uuid(), orgSlug: z.string(), orgName: z.string(), year: int4(), status: z.string(),
  events: int4(), ikpProposed: int4(), version: int4(),
}).openapi('VorSummary');

export const CreateVor = z.strictObject({ org: OrgRef, year: Year }).openapi('CreateVor');
export const VorVersion = z.strictObject({ version: Version, comment: Text(2000).optional() }).openapi('VorVersion');
export const CreateProcess = z.strictObject({
  name: Title, arbetssatt: z.array(Title).max(30).default([]),
}).openapi('CreateVorProcess');
export const CreateArbetssatt = z.strictObject({ name: Title }).openapi('CreateVorArbetssatt');

export const CreateEvent = z.strictObject({
  arbetssattId: z.uuid(),
  title: Title,
  motivation: Text().optional(),
  sannolikhet: int4(),
  konsekvens: int4(),
  followUp: Text(8000).optional(),
}).openapi('CreateVorEvent');
export type CreateEvent = z.infer<typeof CreateEvent>;

export const UpdateEvent = z.strictObject({
  version: Version,
  title: Title.optional(),
  motivation: Text().optional(),
  sannolikhet: int4().optional(),
  konsekvens: int4().optional(),
  followUp: Text(8000).optional(),
  arbetssattId: z.uuid().optional(),
}).openapi('UpdateVorEvent');
export type UpdateEvent = z.infer<typeof UpdateEvent>;

export const IkpDecision = z.strictObject({
  version: Version,
  inIkp: z.boolean(),
  comment: Text(2000).optional(),
}).openapi('IkpDecision');

export const NextYearResult = z.object({
  vor: VorSummary,
  eventsCopied: int4(),
  actionsCarried: int4(),
  actionsLeftBehind: int4(),
}).openapi('VorNextYear');
