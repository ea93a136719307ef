// Subscribe-message template ids come from configuration (SUBSCRIBE_TEMPLATE_IDS, JSON {key: templateId}); the
// local stage and tests use stand-in ids the fake WeChat server accepts.
import { SUBSCRIBE_TEMPLATES, type SubscribeTemplate } from '@shared/schemas/notify';
import { config } from '../core/config';

const configured = process.env.SUBSCRIBE_TEMPLATE_IDS ? (JSON.parse(process.env.SUBSCRIBE_TEMPLATE_IDS) as Partial<Record<SubscribeTemplate, string>>) : {};

export const TEMPLATE_IDS: Partial<Record<SubscribeTemplate, string>> = Object.fromEntries(
  SUBSCRIBE_TEMPLATES.map((k) => [k, configured[k] ?? (config.isLocal ? `tmpl-${k}` : undefined)]).filter(([, v]) => v),
);
