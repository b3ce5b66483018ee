import { z } from '@hono/zod-openapi';
import { defineRoute, json, jsonBody, jsonContent, problemContent } from '../../server/platform/http';
import { getBreach, imyBasis, putBreach } from './breach';
import { BreachDto, ImyBasis, UpdateBreach } from './contract';

const tags = ['Incidenter / incidents'];
const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const notBreach = problemContent('Incidenten är inte en personuppgiftsincident, eller inaktuell version');

/** The personal data breach record (art. 33.3/33.5/34) and the underlag för anmälan till IMY (breach.ts). */
export const breachRoutes = [
  defineRoute(
    {
      method: 'get', path: '/api/incidents/{id}/breach', tags, summary: 'Personuppgiftsincidentens dokumentation (art. 33.5)', policy: { permission: 'incident.read' },
      description: 'Som att läsa incidenten. Tomma värden och exists=false när inget sparats. Fritexterna på en skyddad incident är null utan incident.protected; läsning med den loggas.',
      request: { params: IdParam },
      responses: { 200: jsonContent(BreachDto, 'Dokumentationen'), 404: problemContent('Finns inte'), 409: notBreach },
    },
    async (c) => json(c, await getBreach(c.get('ctx'), c.req.valid('param').id)),
  ),
  defineRoute(
    {
      method: 'put', path: '/api/incidents/{id}/breach', tags, summary: 'Spara dokumentationen (optimistisk låsning; markDocumented markerar som dokumenterad)', policy: { permission: 'incident.manage' },
      description: 'Som att ändra incidenten; på en skyddad incident krävs incident.protected (403). 422 vid fältet: skäl till försening när IMY underrättades efter 72 timmar; '
        + 'vid markering som dokumenterad typ, kategorier, följder och åtgärder, och skäl enligt art. 34.3 vid hög risk utan information till de registrerade.',
      request: { params: IdParam, ...jsonBody(UpdateBreach) },
      responses: {
        200: jsonContent(BreachDto, 'Sparad'), 403: problemContent('Skyddad incident'), 404: problemContent('Finns inte'),
        409: notBreach, 422: problemContent('Regel för fält (lista errors)'),
      },
    },
    async (c) => json(c, await putBreach(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))),
  ),
  defineRoute(
    {
      method: 'get', path: '/api/incidents/{id}/breach/imy-basis', tags, summary: 'Underlag för anmälan till IMY (art. 33.3, i e-tjänstens ordning)', policy: { permission: 'incident.read' },
      description: 'Loggas som export. Inget skickas till IMY. Skyddade fritexter är null utan incident.protected.',
      request: { params: IdParam },
      responses: { 200: jsonContent(ImyBasis, 'Underlaget'), 404: problemContent('Finns inte'), 409: notBreach },
    },
    async (c) => json(c, await imyBasis(c.get('ctx'), c.req.valid('param').id)),
  ),
];
