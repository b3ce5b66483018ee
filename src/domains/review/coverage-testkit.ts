/** Shared by the ISO 27001 9.3.2 coverage tests: one förvaltning with its ISAM and its chef, and readers of the coverage answer. */
import { makeOrgs, startTestServer, userWithRole, type Client, type TestServer } from '../../test/harness';

export async function coverageServer(): Promise<{ t: TestServer; isam: Client; chef: Client }> {
  const t = await startTestServer();
  await makeOrgs(t.ctx, [['stad', 'stad'], ['forv-a', 'forvaltning', 'stad']]);
  const isam = await userWithRole(t, 'isam@test.se', 'isam', 'forv-a');
  const chef = await userWithRole(t, 'chef@test.se', 'forvaltningschef', 'forv-a');
  return { t, isam, chef };
}

export type Input = { key: string; covered: boolean; coveredBy: string[]; notApplicable: boolean };
export type Status = { inputs: Input[]; uncovered: string[] };
/** The inputs without their texts, for comparing two answers. */
export const inputs = (s: Pick<Status, 'inputs'>) => s.inputs.map(({ key, covered, coveredBy, notApplicable }) => ({ key, covered, coveredBy, notApplicable }));
export const input = (s: Pick<Status, 'inputs'>, key: string) => s.inputs.find((i) => i.key === key)!;
