// 群众说事
import * as z from 'zod/mini';
import { route } from './define';
import { Id, page, PageQuery } from '../schemas/common';
import { PhoneReveal } from '../schemas/contact';
import { ConcernOverview, MonthQuery } from '../schemas/practices';
import { Concern, ConcernFeedbackBody, ConcernFollowUpBody, ConcernTransitionBody, CreateConcernBody, PhotoUpload, PhotoUploadBody, StationConcernsQuery } from '../schemas/concerns';

export const concernRoutes = {
  raiseConcern: route({
    method: 'POST', path: '/v1/concerns', group: 'concerns', auth: 'user', status: 201, idempotent: true,
  }, () => ({
    body: CreateConcernBody(), response: Concern(),
  })),
  myConcerns: route({
    method: 'GET', path: '/v1/concerns/mine', group: 'concerns', auth: 'user',
  }, () => ({
    query: PageQuery(), response: page(Concern()),
  })),
  getConcern: route({
    method: 'GET', path: '/v1/concerns/{id}', group: 'concerns', auth: 'user',
  }, () => ({
    params: z.strictObject({ id: Id() }), response: Concern(),
  })),
  stationConcerns: route({
    method: 'GET', path: '/v1/stations/{stationId}/concerns', group: 'concerns', auth: 'user',
  }, () => ({
    params: z.strictObject({ stationId: Id() }), query: z.extend(PageQuery(), StationConcernsQuery().shape), response: page(Concern()),
  })),
  transitionConcern: route({
    method: 'POST', path: '/v1/concerns/{id}/transitions', group: 'concerns', auth: 'user',
  }, () => ({
    params: z.strictObject({ id: Id() }), body: ConcernTransitionBody(), response: Concern(),
  })),
  concernFeedback: route({
    method: 'POST', path: '/v1/concerns/{id}/feedback', group: 'concerns', auth: 'user',
  }, () => ({
    params: z.strictObject({ id: Id() }), body: ConcernFeedbackBody(), response: Concern(),
  })),
  /** 联系群众: the handling station's officials only; counted per day and recorded in the audit log. */
  revealConcernPhone: route({
    method: 'POST', path: '/v1/concerns/{id}/phone-reveals', group: 'concerns', auth: 'user',
  }, () => ({
    params: z.strictObject({ id: Id() }), response: PhoneReveal(),
  })),
  /** A presigned upload for one photo (size and type declared, signed and checked again when it is attached). */
  concernPhotoUpload: route({
    method: 'POST', path: '/v1/concerns/photo-uploads', group: 'concerns', auth: 'user', status: 201,
  }, () => ({
    body: PhotoUploadBody(), response: PhotoUpload(),
  })),
  /** The resident adds text and photos while the concern is open. */
  concernFollowUp: route({
    method: 'POST', path: '/v1/concerns/{id}/follow-ups', group: 'concerns', auth: 'user', status: 201, idempotent: true,
  }, () => ({
    params: z.strictObject({ id: Id() }), body: ConcernFollowUpBody(), response: Concern(),
  })),
  /** A township's concerns per station and month (township staff); read from running rows, in bounded requests. */
  concernOverview: route({
    method: 'GET', path: '/v1/orgs/{orgId}/concern-overview', group: 'concerns', auth: 'user',
  }, () => ({
    params: z.strictObject({ orgId: Id() }), query: MonthQuery(), response: ConcernOverview(),
  })),
} as const;
