// Subscribe messages: one-time grants the user gives in the app (wx.requestSubscribeMessage), counted by the
// server and spent on what the user is waiting for.
import * as z from 'zod/mini';
import { lazy, type Infer } from './lazy';

export const SUBSCRIBE_TEMPLATES = ['idea_answered', 'theme_day_published', 'concern_update', 'session_reminder', 'political_birthday', 'overdue_digest', 'leave_decided', 'dues_reminder'] as const;
export const SubscribeTemplate = lazy(() => z.enum(SUBSCRIBE_TEMPLATES));
export type SubscribeTemplate = Infer<typeof SubscribeTemplate>;

export const RecordSubscriptionsBody = lazy(() => z.strictObject({
  results: z.array(z.strictObject({ template: SubscribeTemplate(), accepted: z.boolean() })).check(
    z.minLength(1),
    z.maxLength(SUBSCRIBE_TEMPLATES.length),
  ),
}));

export const Subscriptions = lazy(() => z.object({
  templates: z.array(z.object({ key: SubscribeTemplate(), templateId: z.string(), grants: z.number().check(z.int()) })),
}));
export type Subscriptions = Infer<typeof Subscriptions>;

/** A message the outbox gave up on after its last try (or on an answer no retry changes), for admins to follow up. */
export const DeadLetter = lazy(() => z.object({
  eventId: z.string(),
  /** What the message was about: `idea#<id>`, `themeday#<id>`, `concern#<id>`. */
  subject: z.string(),
  template: SubscribeTemplate(),
  /** Recipients it did not reach, with WeChat's (or the network's) last answer. */
  failed: z.array(z.object({ userId: z.string(), error: z.string() })),
  attempts: z.number().check(z.int()),
  createdAt: z.string(),
  deadAt: z.string(),
}));
export type DeadLetter = Infer<typeof DeadLetter>;
