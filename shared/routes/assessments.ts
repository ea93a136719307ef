// 三项考核, 乡镇指导, 百例
import * as z from 'zod/mini';
import { route } from './define';
import { Id, page, PageQuery } from '../schemas/common';
import { IdeaCategory } from '../schemas/themeday';
import { Assessment, AssessmentQuery, BranchVisit, BranchVisitBody, CaseSummary, ExemplaryResult, Guidance, GuidanceBody } from '../schemas/notices';

export const assessmentRoutes = {
  giveGuidance: route({
    method: 'POST', path: '/v1/theme-days/{id}/guidance', group: 'assessments', auth: 'user', status: 201, idempotent: true,
  }, () => ({
    params: z.strictObject({ id: Id() }), body: GuidanceBody(), response: Guidance(),
  })),
  listGuidance: route({
    method: 'GET', path: '/v1/theme-days/{id}/guidance', group: 'assessments', auth: 'public',
  }, () => ({
    params: z.strictObject({ id: Id() }), response: z.object({ items: z.array(Guidance()) }),
  })),
  markExemplary: route({
    method: 'POST', path: '/v1/theme-days/{id}/exemplary', group: 'assessments', auth: 'user',
  }, () => ({
    params: z.strictObject({ id: Id() }), body: z.optional(z.strictObject({ category: z.optional(IdeaCategory()) })), response: ExemplaryResult(),
  })),
  listCases: route({
    method: 'GET', path: '/v1/cases', group: 'assessments', auth: 'public',
  }, () => ({
    query: z.extend(PageQuery(), { category: z.optional(IdeaCategory()) }), response: page(CaseSummary()),
  })),
  getAssessment: route({
    method: 'GET', path: '/v1/orgs/{orgId}/assessments', group: 'assessments', auth: 'user',
  }, () => ({
    params: z.strictObject({ orgId: Id() }), query: AssessmentQuery(), response: Assessment(),
  })),
  recordBranchVisit: route({
    method: 'POST', path: '/v1/branches/{branchId}/guidance-visits', group: 'assessments', auth: 'user', status: 201, idempotent: true,
  }, () => ({
    params: z.strictObject({ branchId: Id() }), body: BranchVisitBody(), response: BranchVisit(),
  })),
  listBranchVisits: route({
    method: 'GET', path: '/v1/branches/{branchId}/guidance-visits', group: 'assessments', auth: 'user',
  }, () => ({
    params: z.strictObject({ branchId: Id() }), query: PageQuery(), response: page(BranchVisit()),
  })),
} as const;
