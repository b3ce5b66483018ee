import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { forbidden } from './errors';
import { ROLE_PERMISSIONS, type Permission, type Role } from './permissions';

/** A role held somewhere: `paths` are the materialised paths of the orgs it covers; null = everywhere. */
export interface Grant {
  role: Role;
  paths: string[] | null;
}

/**
 * Every authorization decision goes through this class: route gates, service checks and list scoping.
 * It holds the principal's grants (already expanded to org paths) and answers from them alone.
 */
export class Authz {
  constructor(
    private readonly grants: Grant[],
    /** API tokens restrict their owner's permissions to these. */
    private readonly tokenScopes?: readonly string[],
  ) {}

  static none(): Authz {
    return new Authz([]);
  }

  private allows(perm: Permission): Grant[] {
    if (this.tokenScopes && !this.tokenScopes.includes(perm)) return [];
    return this.grants.filter((g) => (g.paths === null || g.paths.length > 0) && ROLE_PERMISSIONS[g.role]?.includes(perm));
  }

  /** Holds the permission on at least one organisation. */
  hasAnywhere(perm: Permission): boolean {
    return this.allows(perm).length > 0;
  }

  /** Holds the permission on the org with this materialised path (directly or through an ancestor). */
  can(perm: Permission, orgPath: string | null | undefined): boolean {
    return this.allows(perm).some((g) => g.paths === null || (orgPath != null && g.paths.some((p) => orgPath.startsWith(p))));
  }

  /** Holds the permission everywhere (a grant without an org). */
  global(perm: Permission): boolean {
    return this.allows(perm).some((g) => g.paths === null);
  }

  require(perm: Permission, orgPath?: string | null): void {
    const ok = orgPath === undefined ? this.hasAnywhere(perm) : this.can(perm, orgPath);
    if (!ok) throw forbidden();
  }

  requireGlobal(perm: Permission): void {
    if (!this.global(perm)) throw forbidden();
  }

  /** Org paths (subtree roots) where the permission holds; `'all'` when it holds everywhere. */
  scope(perm: Permission): string[] | 'all' {
    const grants = this.allows(perm);
    if (grants.some((g) => g.paths === null)) return 'all';
    const paths = [...new Set(grants.flatMap((g) => g.paths ?? []))].sort();
    // Drop paths already covered by a shorter one.
    return paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
  }

  /** SQL condition limiting rows to the permission's scope, by a column holding the org's path. */
  scopeSql(perm: Permission, pathColumn: AnyColumn | SQL): SQL {
    const scope = this.scope(perm);
    if (scope === 'all') return sql`true`;
    if (scope.length === 0) return sql`false`;
    return sql`(${sql.join(
      scope.map((p) => sql`${pathColumn} like ${escapeLike(p) + '%'}`),
      sql` or `,
    )})`;
  }

  roles(): Grant[] {
    return this.grants;
  }
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}
