// This group has idempotent routes.
import '../core/http/idempotency';
import { importRoutes } from '@shared/routes/imports';
import { asXlsxFile } from '../core/spreadsheet';
import { createRouteGroup } from '../route-group';
import { checkImport, createImport, getImport, runImport } from './imports.service';
import { templateWorkbook } from './sheets';

export const handler = createRouteGroup(importRoutes, {
  importTemplate: async () => asXlsxFile('台账导入模板', await templateWorkbook()),
  checkImport: ({ user, body }) => checkImport(user(), body),
  createImport: ({ user, body }) => createImport(user(), body),
  getImport: ({ user, params }) => getImport(user(), params.jobId),
  runImport: ({ user, params }) => runImport(user(), params.jobId),
});
