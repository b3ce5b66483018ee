import { crudRoutes } from '../../server/platform/crud';
import { trainingImportRoutes } from './import/routes';
import {
  CreateTrainingCompletion, CreateTrainingSession, TrainingCompletion, TrainingQuery, TrainingSession, UpdateTrainingCompletion, UpdateTrainingSession,
} from './contract';
import {
  createCompletion, createSession, deleteCompletion, deleteSession, getCompletion, getSession, listCompletions, listSessions, updateCompletion, updateSession,
} from './service';

const tags = ['Utbildning / training'];

export const routes = [
  // Before the CRUD routes, so /completions/template is not read as a completion's id.
  ...trainingImportRoutes,
  ...crudRoutes({
    path: '/api/training/sessions', tags, read: 'plan.read', write: 'plan.manage', item: TrainingSession,
    list: { query: TrainingQuery, run: listSessions, summary: 'Genomförda utbildningar (i datumordning)', ok: 'Utbildningar', errors: { 404: 'Organisationen finns inte' } },
    create: { body: CreateTrainingSession, run: createSession, summary: 'Registrera en genomförd utbildning', ok: 'Skapad', errors: { 404: 'Organisationen finns inte' } },
    get: { run: getSession, summary: 'En genomförd utbildning', ok: 'Utbildningen' },
    update: { body: UpdateTrainingSession, run: updateSession, summary: 'Ändra en genomförd utbildning', ok: 'Ändrad', errors: { 409: 'Inaktuell version' } },
    remove: { run: deleteSession, summary: 'Ta bort en genomförd utbildning', ok: 'Borttagen', errors: { 409: 'Inaktuell version' } },
  }),
  ...crudRoutes({
    path: '/api/training/completions', tags, read: 'plan.read', write: 'plan.manage', item: TrainingCompletion,
    list: { query: TrainingQuery, run: listCompletions, summary: 'Genomförandegrad för e-utbildningar per enhet och år', ok: 'Genomföranden', errors: { 404: 'Organisationen finns inte' } },
    create: {
      body: CreateTrainingCompletion, run: createCompletion, summary: 'Registrera genomförandegrad för en kurs', ok: 'Skapad',
      errors: { 404: 'Organisationen finns inte', 409: 'Kursen finns redan för organisationen och året' },
    },
    get: { run: getCompletion, summary: 'Ett genomförande', ok: 'Genomförandet' },
    update: { body: UpdateTrainingCompletion, run: updateCompletion, summary: 'Ändra genomförandegrad', ok: 'Ändrad', errors: { 409: 'Inaktuell version eller kursen finns redan' } },
    remove: { run: deleteCompletion, summary: 'Ta bort genomförandegrad', ok: 'Borttagen', errors: { 409: 'Inaktuell version' } },
  }),
];
