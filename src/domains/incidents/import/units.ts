/** Where an imported case goes by its Enhet: a unit of the organisation imported into, found by name, or the name kept as text. */
import { like } from 'drizzle-orm';
import type { Db } from '../../../server/platform/db';
import { escapeLike } from '../../../server/platform/authz';
import { withoutInvisible, type Msg } from '../../../server/platform/tabular/cells';
import { orgs } from '../../org/table';
import { memo } from './values';

/**
 * Enhet by name → an organisation in the target's subtree (an enhet preferred, an archived one last), else kept as
 * text. A name found in several förvaltningar at once (an import into the city) is kept as text, not guessed; for
 * an existing case the name is looked for in its own förvaltning.
 */
export class UnitResolver {
  private constructor(
    private readonly byName: Map<string, { id: string; rank: number }[]>,
    private readonly targetId: string,
    /** The register of an organisation (ImportRegisters.registerOf). */
    readonly registerOf: (orgId: string) => string,
  ) {}

  static key(name: string): string {
    return withoutInvisible(name).normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  }

  static async load(db: Db, target: { id: string; path: string }, registerOf: (orgId: string) => string): Promise<UnitResolver> {
    const list = await db
      .select({ id: orgs.id, name: orgs.name, type: orgs.type, depth: orgs.depth, archivedAt: orgs.archivedAt })
      .from(orgs)
      .where(like(orgs.path, escapeLike(target.path) + '%'));
    const rank = (o: (typeof list)[number]) => (o.archivedAt ? 100 : 0) + (o.type === 'enhet' ? 0 : 10) + o.depth / 1000;
    const byName = new Map<string, { id: string; rank: number }[]>();
    for (const o of list) byName.set(UnitResolver.key(o.name), [...(byName.get(UnitResolver.key(o.name)) ?? []), { id: o.id, rank: rank(o) }]);
    for (const c of byName.values()) c.sort((a, b) => a.rank - b.rank);
    return new UnitResolver(byName, target.id, registerOf);
  }

  /** Units of new cases by name as written: a file repeats a few names (keying normalises the text). */
  private readonly placed = memo((unit) => this.place(unit));

  /** `inRegister`: only a unit of this register counts (an existing case's own), else null. */
  resolve(unit: string | null, inRegister?: string): { orgId: string; unitText: string | null } | null {
    if (!unit) return { orgId: this.targetId, unitText: null };
    if (inRegister === undefined) return this.placed(unit);
    const own = (this.byName.get(UnitResolver.key(unit)) ?? []).find((c) => this.registerOf(c.id) === inRegister);
    return own ? { orgId: own.id, unitText: null } : null;
  }

  /** Names of new cases' units kept as text: not found under the organisation, or found in several förvaltningar. */
  private readonly kept = { missing: new Map<string, string>(), ambiguous: new Map<string, string>() };

  private place(unit: string): Placed {
    const found = this.byName.get(UnitResolver.key(unit)) ?? [];
    const best = found[0];
    const ambiguous = best && found.some((c) => c.rank === best.rank && this.registerOf(c.id) !== this.registerOf(best.id));
    if (best && !ambiguous) return { orgId: best.id, unitText: null };
    return { orgId: this.targetId, unitText: unit, kept: ambiguous ? 'ambiguous' : 'missing' };
  }

  /** A case created with this unit: its name is noted when it was kept as text (notes). */
  created(unit: string | null | undefined): void {
    if (!unit) return;
    const kept = this.placed(unit).kept;
    if (!kept) return;
    const names = this.kept[kept];
    const key = UnitResolver.key(unit);
    if (names.size < KEPT_NAMES && !names.has(key)) names.set(key, unit.replace(/\s+/g, ' ').trim());
  }

  /** The import's note on the unit names kept as text (the cases then lie in the organisation imported into). */
  notes(orgName: string): Msg[] {
    const list = (names: Map<string, string>) => [...names.values()].slice(0, LISTED_NAMES).map((n) => `"${n}"`).join(', ') + (names.size > LISTED_NAMES ? ' …' : '');
    const out: Msg[] = [];
    if (this.kept.missing.size > 0) {
      out.push({
        sv: `Ingen enhet under ${orgName} heter ${list(this.kept.missing)}: nya incidenter med ${this.kept.missing.size === 1 ? 'den enheten' : 'de enheterna'} läggs på ${orgName}, med enhetens namn sparat som text.`,
        en: `No unit under ${orgName} is named ${list(this.kept.missing)}: new incidents with ${this.kept.missing.size === 1 ? 'that unit' : 'those units'} are placed at ${orgName}, with the unit's name kept as text.`,
      });
    }
    if (this.kept.ambiguous.size > 0) {
      const one = this.kept.ambiguous.size === 1;
      out.push({
        sv: `${one ? 'Enheten' : 'Enheterna'} ${list(this.kept.ambiguous)} finns i flera förvaltningar under ${orgName}: nya incidenter med ${one ? 'det namnet' : 'de namnen'} läggs på ${orgName}, med namnet sparat som text. Importera till rätt förvaltning för att de ska hamna på enheten.`,
        en: `The ${one ? 'unit' : 'units'} ${list(this.kept.ambiguous)} ${one ? 'exists' : 'exist'} in several förvaltningar under ${orgName}: new incidents with ${one ? 'that name' : 'those names'} are placed at ${orgName}, with the name kept as text. Import into the right förvaltning to place them at the unit.`,
      });
    }
    return out;
  }
}

/** Where a name places a new case; `kept` says why the name was kept as text. */
interface Placed { orgId: string; unitText: string | null; kept?: 'missing' | 'ambiguous' }

/** Unit names remembered for the note (a file of random names must not fill memory), and listed in it. */
const KEPT_NAMES = 1_000;
const LISTED_NAMES = 5;
