import type { CliCommand } from '../../cli/registry';
import { parse } from '../../cli/args';
import { CliError, withDatabase } from '../../cli/context';
import { CreateOrg, ORG_TYPES } from './contract';
import { createOrg, listOrgs } from './service';
import { validationProblem } from '../../server/platform/validation';

export const commands: CliCommand[] = [
  {
    name: 'org add',
    usage: `tillit org add SLUG NAME --type ${ORG_TYPES.join('|')} [--parent SLUG] [--controller NÄMND] [--org-number NNNNNN-NNNN]`,
    summary: 'Skapa organisation / create an organisation (--controller: personuppgiftsansvarig nämnd)',
    async run(args, env) {
      const { values, positionals } = parse(args, {
        type: { type: 'string' }, parent: { type: 'string' }, controller: { type: 'string' }, 'org-number': { type: 'string' }, json: { type: 'boolean' },
      }, ['SLUG', 'NAME'], this.usage);
      if (!values.type) throw new CliError(`--type saknas. Användning: ${this.usage}`, `--type is missing. Usage: ${this.usage}`);
      const input = CreateOrg.safeParse({
        slug: positionals[0], name: positionals[1], type: values.type, parent: values.parent,
        controllerName: values.controller, controllerOrgNumber: values['org-number'],
      });
      if (!input.success) throw validationProblem(input.error, 'argument');
      const org = await withDatabase(env, (_db, ctx) => createOrg(ctx, input.data));
      if (values.json) env.out(JSON.stringify(org));
      else env.out(`Skapad / created: ${org.slug} (${org.name}, ${org.type}${org.parentSlug ? `, under ${org.parentSlug}` : ''})`);
    },
  },
  {
    name: 'org list',
    usage: 'tillit org list [--json] [--archived]',
    summary: 'Visa organisationsträdet / show the organisation tree',
    async run(args, env) {
      const { values } = parse(args, { json: { type: 'boolean' }, archived: { type: 'boolean' } }, [], this.usage);
      const list = await withDatabase(env, (_db, ctx) => listOrgs(ctx, { includeArchived: values.archived }));
      if (values.json) return env.out(JSON.stringify(list, null, 2));
      if (list.length === 0) env.out('Inga organisationer / no organisations');
      for (const o of list) env.out(`${'  '.repeat(o.depth)}${o.slug}  ${o.name} [${o.type}]${o.archivedAt ? ' (arkiverad/archived)' : ''}`);
    },
  },
];
