/** A register import's Organisation cell: an organisation of the import's subtree, by short name (slug) or name. Pure. */
import { nameKey, type Parsed } from './values';

export interface TreeOrg { slug: string; name: string }

/**
 * The organisations a row's Organisation cell can mean: the target when empty, else the one of the target's subtree
 * with that short name (slug), else all with that name (a city has many "Administrativa avdelningen": the caller
 * decides, e.g. by the object the row names).
 */
export function rowOrgs<O extends TreeOrg>(raw: string, target: O, tree: O[]): Parsed<O[]> {
  if (raw === '') return { ok: true, value: [target] };
  const bySlug = tree.find((o) => o.slug.toLowerCase() === raw.toLowerCase());
  if (bySlug) return { ok: true, value: [bySlug] };
  const byName = tree.filter((o) => nameKey(o.name) === nameKey(raw));
  if (byName.length > 0) return { ok: true, value: byName };
  return {
    ok: false,
    msg: {
      sv: `Organisationen "${raw}" finns inte i ${target.name} eller dess underorganisationer. Ange namn eller kortnamn, eller lämna tomt för ${target.name}.`,
      en: `The organisation "${raw}" is not ${target.name} or one of its sub-organisations. Give its name or short name (slug), or leave it empty for ${target.name}.`,
    },
  };
}

/** The row's one organisation (rowOrgs); a name several organisations carry is refused, naming their short names. */
export function rowOrg<O extends TreeOrg>(raw: string, target: O, tree: O[]): Parsed<O> {
  const found = rowOrgs(raw, target, tree);
  if (!found.ok) return found;
  if (found.value.length === 1) return { ok: true, value: found.value[0] };
  const slugs = found.value.map((o) => o.slug).join(', ');
  return { ok: false, msg: { sv: `Flera organisationer heter "${raw}" (${slugs}); ange kortnamnet.`, en: `Several organisations are named "${raw}" (${slugs}); give the short name (slug).` } };
}
