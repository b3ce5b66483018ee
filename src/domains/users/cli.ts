import type { CliCommand } from '../../cli/registry';
import { parse } from '../../cli/args';
import { withDatabase } from '../../cli/context';
import { validationProblem } from '../../server/platform/validation';
import { ROLES } from '../../server/platform/permissions';
import { AssignRole, CreateUser } from './contract';
import { assignRole, createUser } from './service';

export const commands: CliCommand[] = [
  {
    name: 'user add',
    usage: `tillit user add EMAIL NAME [--password P] [--role ${ROLES.join('|')} [--org SLUG]]`,
    summary: 'Skapa användare, ev. med roll / create a user, optionally with a role',
    async run(args, env) {
      const { values, positionals } = parse(
        args,
        { password: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' }, group: { type: 'string' } },
        ['EMAIL', 'NAME'],
        this.usage,
      );
      const input = CreateUser.safeParse({ email: positionals[0], name: positionals[1], password: values.password });
      if (!input.success) throw validationProblem(input.error, 'argument');
      const role = values.role ? AssignRole.safeParse({ role: values.role, org: values.org, group: values.group }) : undefined;
      if (role && !role.success) throw validationProblem(role.error, 'argument');
      const res = await withDatabase(env, async (_db, ctx) => {
        const created = await createUser(ctx, input.data);
        if (role?.success) await assignRole(ctx, created.user.id, role.data);
        return created;
      });
      env.out(`Skapad / created: ${res.user.email}${role?.success ? ` (${role.data.role}${role.data.org ? ` @ ${role.data.org}` : ''})` : ''}`);
      if (res.oneTimePassword) env.out(`Engångslösenord / one-time password: ${res.oneTimePassword}`);
    },
  },
];
