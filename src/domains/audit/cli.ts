import type { CliCommand } from '../../cli/registry';
import { parse } from '../../cli/args';
import { withDatabase } from '../../cli/context';
import { verifyChain } from './chain';

export const commands: CliCommand[] = [
  {
    name: 'audit verify',
    usage: 'tillit audit verify [--json]',
    summary: 'Kontrollera granskningsloggens hashkedja / verify the audit log hash chain',
    async run(args, env) {
      const { values } = parse(args, { json: { type: 'boolean' } }, [], this.usage);
      const r = await withDatabase(env, (db) => verifyChain(db.db));
      if (values.json) env.out(JSON.stringify(r));
      if (r.ok) {
        if (!values.json) env.out(`OK: ${r.checked} poster kontrollerade, kedjan är hel / ${r.checked} rows checked, the chain is intact`);
        return 0;
      }
      const b = r.firstBroken!;
      const why = b.reason === 'hash' ? ['innehållet har ändrats', 'its content was altered'] : ['föregående post saknas eller har ändrats', 'the row before it is missing or altered'];
      if (!values.json) {
        env.err(`BRUTEN: första brutna post är nr ${b.seq} (${why[0]})`);
        env.err(`BROKEN: first broken row is seq ${b.seq} (${why[1]})`);
      }
      return 5;
    },
  },
];
