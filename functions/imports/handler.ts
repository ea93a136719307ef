// This group has idempotent routes.
import '../core/http/idempotency';
import { importRoutes } from '@shared/routes/imports';
import { createRouteGroup } from '../route-group';
import { checkImport, createImport, getImport, runImport, sheets } from './imports.service';

export const handler = createRouteGroup(importRoutes, {
  importTemplate: async () => (await sheets()).templateFile(),
  checkImport: ({ user, body }) => checkImport(user(), body),
  createImport: ({ user, body }) => createImport(user(), body),
  getImport: ({ user, params }) => getImport(user(), params.jobId),
  runImport: ({ user, params }) => runImport(user(), params.jobId),
});
