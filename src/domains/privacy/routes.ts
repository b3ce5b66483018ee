import { crudRoutes } from '../../server/platform/crud';
import { defineRoute, IdParam, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { createCameraSite, getCameraSite, listCameraSites, updateCameraSite } from './camera';
import {
  ApproveProcessingActivity, CameraQuery, CameraSite, CreateCameraSite, CreateProcessingActivity, PrivacyQuery, ProcessingActivity, UpdateCameraSite, UpdateProcessingActivity,
} from './contract';
import { approveActivity, createActivity, getActivity, listActivities, updateActivity } from './service';
import { privacyImportRoutes } from './import/routes';

const tags = ['Registerförteckning / record of processing activities'];
const RULES = 'Tredjelandsöverföring utan överföringsverktyg, DPIA gjord utan datum eller med datum efter i dag, "behövs ej" utan motivering, okänt objekt';

const CAMERA_RULES = 'Lagringstid under en dag, slutdatum före startdatum, datum efter i dag, bevakning startad från 2025-04-01 utan intresseavvägning (text och datum, senast startdagen), okänd behandling';

/** The registerförteckning: no DELETE, an activity is archived (PATCH archived=true) and can be restored. */
export const routes = [
  ...privacyImportRoutes,
  ...crudRoutes({
    path: '/api/privacy/activities', tags, read: 'privacy.read', write: 'privacy.manage', item: ProcessingActivity,
    list: {
      query: PrivacyQuery, run: listActivities, summary: 'Registerförteckningen', ok: 'Behandlingar i organisationen och dess underorganisationer, efter namn',
      errors: { 404: 'Organisationen finns inte' },
    },
    create: {
      body: CreateProcessingActivity, run: createActivity, summary: 'Registrera behandling', ok: 'Registrerad',
      errors: { 404: 'Organisationen finns inte', 409: 'Namnet finns redan i organisationen', 422: RULES },
    },
    get: { run: getActivity, summary: 'En behandling med tröskelanalys och system', ok: 'Behandlingen' },
    update: {
      body: UpdateProcessingActivity, run: updateActivity, summary: 'Ändra, arkivera eller återställ behandling (en ändrad godkänd behandling blir utkast)', ok: 'Ändrad',
      errors: { 409: 'Inaktuell version eller namnet finns redan', 422: RULES },
    },
  }),
  defineRoute(
    {
      method: 'post', path: '/api/privacy/activities/{id}/approve', tags, summary: 'Dataskyddsombudet godkänner behandlingen', policy: { permission: 'dso.approve' },
      request: { params: IdParam, ...jsonBody(ApproveProcessingActivity) },
      responses: {
        200: jsonContent(ProcessingActivity, 'Godkänd'), 404: problemContent('Finns inte'), 409: problemContent('Inaktuell version eller redan godkänd'),
        422: problemContent('Ändamål eller rättslig grund saknas, arkiverad, eller registrerad av dig själv'),
      },
    },
    async (c) => json(c, await approveActivity(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  ...crudRoutes({
    path: '/api/privacy/camera-sites', tags: ['Kamerabevakning / camera surveillance'], read: 'privacy.read', write: 'privacy.manage', item: CameraSite,
    list: {
      query: CameraQuery, run: listCameraSites, summary: 'Förteckningen över kamerabevakning',
      ok: 'Planerad och pågående bevakning och den som upphört de senaste fem åren (period=all: all), efter plats', errors: { 404: 'Organisationen finns inte' },
    },
    create: {
      body: CreateCameraSite, run: createCameraSite, summary: 'Registrera kamerabevakning', ok: 'Registrerad',
      errors: { 404: 'Organisationen finns inte', 409: 'Platsen finns redan i organisationen', 422: CAMERA_RULES },
    },
    get: { run: getCameraSite, summary: 'En kamerabevakning med intresseavvägning', ok: 'Platsen' },
    update: {
      body: UpdateCameraSite, run: updateCameraSite, summary: 'Ändra, avsluta, arkivera eller återställ kamerabevakning', ok: 'Ändrad',
      errors: { 409: 'Inaktuell version eller platsen finns redan', 422: CAMERA_RULES },
    },
  }),
];
