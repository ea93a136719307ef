// This group has idempotent routes.
import '../core/http/idempotency';
import { assessmentRoutes } from '@shared/routes/assessments';
import { createRouteGroup } from '../route-group';
import { getAssessment, giveGuidance, listCases, listGuidance, markExemplary, periodOf } from './assessments.service';

export const handler = createRouteGroup(assessmentRoutes, {
  giveGuidance: ({ user, params, body }) => giveGuidance(user(), params.id, body.comment, body.rating),
  listGuidance: ({ principal, params }) => listGuidance(principal, params.id),
  markExemplary: ({ user, params, body }) => markExemplary(user(), params.id, body?.category),
  listCases: ({ query }) => listCases(query),
  getAssessment: ({ user, params, query }) => getAssessment(user(), params.orgId, periodOf(query)),
});
