import type * as z from 'zod';
import type { NoticeCategory as NoticeCategorySchema } from '@shared/schemas/notices';

export type NoticeCategory = z.infer<typeof NoticeCategorySchema>;
