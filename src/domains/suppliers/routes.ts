import { crudRoutes } from '../../server/platform/crud';
import { CreateSupplier, Supplier, SupplierQuery, UpdateSupplier } from './contract';
import { createSupplier, getSupplier, listSuppliers, updateSupplier } from './service';
import { supplierImportRoutes } from './import/routes';

const tags = ['Leverantörsregister / supplier register'];
const RULES = 'PUB-avtal ja utan datum, tredjelandsöverföring utan överföringsverktyg, bedömning utan datum, datum för avtal, TIA eller bedömning efter i dag, översyn före undertecknande, okänt objekt';

/** The leverantörsregister, part of objektförvaltningen (object.read/object.manage): no DELETE, a supplier is archived. */
export const routes = [...supplierImportRoutes, ...crudRoutes({
  path: '/api/suppliers', tags, read: 'object.read', write: 'object.manage', item: Supplier,
  list: {
    query: SupplierQuery, run: listSuppliers, summary: 'Leverantörsregistret', ok: 'Leverantörer i organisationen och dess underorganisationer, efter namn',
    errors: { 404: 'Organisationen finns inte' },
  },
  create: {
    body: CreateSupplier, run: createSupplier, summary: 'Registrera leverantör', ok: 'Registrerad',
    errors: { 404: 'Organisationen finns inte', 409: 'Namnet finns redan i organisationen', 422: RULES },
  },
  get: { run: getSupplier, summary: 'En leverantör med underleverantörer och system', ok: 'Leverantören' },
  update: {
    body: UpdateSupplier, run: updateSupplier, summary: 'Ändra, arkivera eller återställ leverantör', ok: 'Ändrad',
    errors: { 409: 'Inaktuell version eller namnet finns redan', 422: RULES },
  },
})];
