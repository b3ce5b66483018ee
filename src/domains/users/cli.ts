import type { CliCommand } from '../../cli/registry';
import { parse } from '../../cli/args';
import { CliError, withDatabase } from '../../cli/context';
import { validationProblem } from '../../server/platform/validation';
import { ROLES } from '../../server/platform/permissions';
import { AssignRole, CreateUser, Email } from './contract';
import { passwordProblem } from './password';
import { assignRole, createUser, resetPassword } from './service';

/** The variable a chosen password for `user reset-password` is read from (instead of a generated one). */
const NEW_PASSWORD = 'TILLIT_NEW_PASSWORD';

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
  {
    name: 'user reset-password',
    usage: 'tillit user reset-password EMAIL [--activate]',
    summary:
      `Nytt engångslösenord (eller ${NEW_PASSWORD}), t.ex. för en utelåst administratör; avslutar användarens sessioner och häver spärren; ` +
      `--activate aktiverar ett inaktiverat konto / ` +
      `a new one-time password (or ${NEW_PASSWORD}), e.g. for a locked-out administrator; ends the user's sessions and lifts the lock; ` +
      '--activate activates a deactivated account',
    async run(args, env) {
      const { values, positionals } = parse(args, { activate: { type: 'boolean' } }, ['EMAIL'], this.usage);
      const email = Email.safeParse(positionals[0]);
      if (!email.success) {
        throw new CliError(`"${positionals[0]}" är ingen e-postadress. Användning: ${this.usage}`, `"${positionals[0]}" is not an e-mail address. Usage: ${this.usage}`);
      }
      // A chosen password is checked before the database opens; set but empty is refused, not taken as unset.
      const chosen = process.env[NEW_PASSWORD];
      const problem = chosen === undefined ? undefined : passwordProblem(chosen, email.data);
      if (problem) throw new CliError(`${NEW_PASSWORD}: ${problem.sv}`, `${NEW_PASSWORD}: ${problem.en}`);
      const { user, oneTimePassword } = await withDatabase(env, (_db, ctx) => resetPassword(ctx, email.data, chosen, values.activate === true));
      env.out(`Lösenordet är återställt / password reset: ${user.email}`);
      if (values.activate) env.out('Kontot är aktivt. / The account is active.');
      if (oneTimePassword) {
        env.out(`Engångslösenord / one-time password: ${oneTimePassword}`);
        env.out('Det visas bara nu: lämna det till användaren på ett säkert sätt. / It is shown only now: hand it to the user securely.');
      } else {
        env.out(`Lösenordet från ${NEW_PASSWORD} är satt (det skrivs inte ut). / The password from ${NEW_PASSWORD} is set (it is not printed).`);
      }
      env.out(
        'Användaren måste byta lösenordet vid nästa inloggning. Alla användarens sessioner har avslutats och en eventuell spärr efter ' +
          'misslyckade inloggningar är hävd. / The user must change the password at the next sign-in. All of the user\'s sessions have ' +
          'ended and any lock after failed sign-ins is lifted.',
      );
      if (!user.active) {
        env.err(
          'Obs: kontot är inaktiverat och kan inte logga in förrän det aktiveras igen (i appen, eller med --activate här). / ' +
            'Note: the account is deactivated and cannot sign in until it is activated again (in the app, or with --activate here).',
        );
      }
    },
  },
];
