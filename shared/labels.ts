// zh-CN words the UI shows for the contract's codes.
import type { OrgType, Role } from './schemas/common';

export const ROLE_LABELS: Record<Role, string> = {
  resident: '群众',
  member: '党员',
  secretary: '支部书记',
  official: '驻点干部',
  township_admin: '乡镇组织委员',
  admin: '管理员',
};

export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  city: '市',
  county: '区县',
  township: '乡镇（街道）',
  village: '村（社区）',
  branch: '党支部',
};

export const GUIDANCE_KIND_LABELS: Record<'regular' | 'random' | 'stationed', string> = {
  regular: '经常性调研督查',
  random: '随机式调研督查',
  stationed: '蹲点式调研督查',
};
