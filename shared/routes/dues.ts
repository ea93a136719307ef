// 集中交纳党费: a branch's register of dues paid offline, per month
import * as z from 'zod/mini';
import { route } from './define';
import { Id, MonthString } from '../schemas/common';
import { DuesEntry, DuesRegister, DuesReminderResult, MarkDuesBody, MonthQuery } from '../schemas/practices';
import { lazy } from '../schemas/lazy';

const RegisterParams = lazy(() => z.strictObject({ branchId: Id(), month: MonthString() }));

export const duesRoutes = {
  duesRegister: route({
    method: 'GET', path: '/v1/branches/{branchId}/dues', group: 'dues', auth: 'user',
  }, () => ({
    params: z.strictObject({ branchId: Id() }), query: MonthQuery(), response: DuesRegister(),
  })),
  /** The secretary records a member's declared amount and whether it was handed in. */
  markDues: route({
    method: 'PUT', path: '/v1/branches/{branchId}/dues/{month}/{userId}', group: 'dues', auth: 'user',
  }, () => ({
    params: z.extend(RegisterParams(), { userId: Id() }), body: MarkDuesBody(), response: DuesEntry(),
  })),
  /** A subscribe message to every unpaid member (at most one per member and day). */
  remindDues: route({
    method: 'POST', path: '/v1/branches/{branchId}/dues/{month}/reminders', group: 'dues', auth: 'user',
  }, () => ({
    params: RegisterParams(), response: DuesReminderResult(),
  })),
} as const;
