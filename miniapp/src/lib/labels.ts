// Role order and the local personas; the zh-CN words for codes live in shared/labels.ts.
import type { Role } from '@shared/schemas/common';

export { ROLE_LABELS } from '@shared/labels';

/** Higher first when a user holds several grants. */
export const ROLE_ORDER: Role[] = ['admin', 'township_admin', 'secretary', 'official', 'member', 'resident'];

export interface Persona {
  openid: string;
  label: string;
  hint: string;
}

function numbered(prefix: string, label: string, hint: string, count: number): Persona[] {
  return Array.from({ length: count }, (_, i) => ({ openid: `${prefix}-${i + 1}`, label: `${label} ${i + 1}`, hint }));
}

/** The demo personas seeded on stage `local` (written by scripts/lib/seed.ts). */
export const PERSONAS: Persona[] = [
  { openid: 'demo-admin', label: '管理员', hint: '全市管理' },
  ...numbered('demo-township', '乡镇组织委员', '乡镇及下属组织', 1),
  ...numbered('demo-secretary', '支部书记', '书记 1 所在支部', 1),
  ...numbered('demo-member', '党员', '书记 1 所在支部', 8),
  ...numbered('demo-official', '驻点干部', '同乡镇驻点工作室', 1),
  ...numbered('demo-resident', '群众', '普通居民', 3),
];
