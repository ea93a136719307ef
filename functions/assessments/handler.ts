// This group has idempotent routes.
import '../core/http/idempotency';
import { assessmentRoutes } from '@shared/routes/assessments';
import { createRouteGroup } from '../route-group';
import { getAssessment, giveGuidance, listBranchVisitsFor, listCases, listGuidance, markExemplary, periodOf, recordBranchVisit } from './assessments.service';

export const handler = createRouteGroup(assessmentRoutes, {
  giveGuidance: ({ user, params, body }) => giveGuidance(user(), params.id, body.comment, body.rating),
  listGuidance: ({ principal, params }) => listGuidance(principal, params.id),
  markExemplary: ({ user, params, body }) => markExemplary(user(), params.id, body?.category),
  listCases: ({ query }) => listCases(query),
  getAssessment: ({ user, params, query }) => getAssessment(user(), params.orgId, periodOf(query)),
  recordBranchVisit: ({ user, params, body }) => recordBranchVisit(user(), params.branchId, body),
  listBranchVisits: ({ user, params, query }) => listBranchVisitsFor(user(), params.branchId, query),
});
