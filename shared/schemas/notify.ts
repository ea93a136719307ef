// Subscribe messages: one-time grants the user gives in the app (wx.requestSubscribeMessage), counted by the
// server and spent on what the user is waiting for.
import * as z from 'zod';

export const SUBSCRIBE_TEMPLATES = ['idea_answered', 'theme_day_published', 'concern_update', 'session_reminder', 'political_birthday', 'overdue_digest'] as const;
export const SubscribeTemplate = z.enum(SUBSCRIBE_TEMPLATES);
export type SubscribeTemplate = z.infer<typeof SubscribeTemplate>;

export const RecordSubscriptionsBody = z.strictObject({
  results: z
    .array(z.strictObject({ template: SubscribeTemplate, accepted: z.boolean() }))
    .min(1)
    .max(SUBSCRIBE_TEMPLATES.length),
});

export const Subscriptions = z.object({
  templates: z.array(z.object({ key: SubscribeTemplate, templateId: z.string(), grants: z.number().int() })),
});
export type Subscriptions = z.infer<typeof Subscriptions>;
