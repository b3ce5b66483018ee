import { crudRoutes } from '../../server/platform/crud';
import { CreateDigitalObject, DigitalObject, ObjectQuery, UpdateDigitalObject } from './contract';
import { createObject, getObject, listObjects, updateObject } from './service';

const tags = ['Digitala objekt / digital objects'];

/** The objektlista: no DELETE, an object is archived (PATCH archived=true) and can be restored. */
export const routes = [
  ...crudRoutes({
    path: '/api/objects', tags, read: 'object.read', write: 'object.manage', item: DigitalObject,
    list: {
      query: ObjectQuery, run: listObjects, summary: 'Objektlistan', ok: 'Objekt i organisationen och dess underorganisationer, efter namn',
      errors: { 404: 'Organisationen finns inte' },
    },
    create: {
      body: CreateDigitalObject, run: createObject, summary: 'Registrera digitalt objekt', ok: 'Registrerat',
      errors: { 404: 'Organisationen finns inte', 409: 'Namnet finns redan i organisationen', 422: 'Klassningen bryter mot en regel (datum saknas, datum utan klar, datum efter i dag)' },
    },
    get: { run: getObject, summary: 'Ett digitalt objekt med informationsklassning', ok: 'Objektet' },
    update: {
      body: UpdateDigitalObject, run: updateObject, summary: 'Ändra, klassa, arkivera eller återställ objekt', ok: 'Ändrat',
      errors: { 409: 'Inaktuell version eller namnet finns redan', 422: 'Klassningen bryter mot en regel (datum saknas, datum utan klar, datum efter i dag)' },
    },
  }),
];
