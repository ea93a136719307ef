// This group has idempotent routes.
import '../core/http/idempotency';
import { ideaRoutes } from '@shared/routes/ideas';
import { createRouteGroup } from '../route-group';
import { answerIdea, createIdea, getIdeaFor, listBranchIdeas, reportIdea, restoreIdea, setSupport } from './ideas.service';

export const handler = createRouteGroup(ideaRoutes, {
  createIdea: ({ user, params, body }) => createIdea(user(), params.branchId, body),
  listIdeas: ({ user, params, query }) => listBranchIdeas(user(), params.branchId, query),
  getIdea: ({ user, params }) => getIdeaFor(user(), params.ideaId),
  supportIdea: ({ user, params }) => setSupport(user(), params.ideaId, true),
  withdrawSupport: ({ user, params }) => setSupport(user(), params.ideaId, false),
  answerIdea: ({ user, params, body }) => answerIdea(user(), params.ideaId, body),
  reportIdea: ({ user, params, body }) => reportIdea(user(), params.ideaId, body.reason),
  restoreIdea: ({ user, params }) => restoreIdea(user(), params.ideaId),
});
