import { crudRoutes } from '../../server/platform/crud';
import { CreateMaturityAssessment, MaturityAssessment, MaturityQuery, UpdateMaturityAssessment } from './contract';
import { createAssessment, deleteAssessment, getAssessment, listAssessments, updateAssessment } from './service';

const tags = ['Mognad / maturity'];

export const routes = crudRoutes({
  path: '/api/maturity', tags, read: 'plan.read', write: 'plan.manage', item: MaturityAssessment,
  list: { query: MaturityQuery, run: listAssessments, summary: 'Mognadsmätningar per år (nyast först)', ok: 'Mätningar', errors: { 404: 'Organisationen finns inte' } },
  create: { body: CreateMaturityAssessment, run: createAssessment, summary: 'Registrera årets mognadsmätning', ok: 'Skapad', errors: { 409: 'Året har redan en mätning' } },
  get: { run: getAssessment, summary: 'En mognadsmätning', ok: 'Mätningen' },
  update: { body: UpdateMaturityAssessment, run: updateAssessment, summary: 'Ändra mognadsmätning', ok: 'Ändrad', errors: { 409: 'Inaktuell version' } },
  remove: { run: deleteAssessment, summary: 'Ta bort mognadsmätning', ok: 'Borttagen', errors: { 409: 'Inaktuell version' } },
});
