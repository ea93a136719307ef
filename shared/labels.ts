// zh-CN words the UI shows for the contract's codes.
import type { OrgType, Role } from './schemas/common';
import type { AreaKind, Sector, StationType } from './schemas/orgs';

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
  committee: '党委',
  general_branch: '党总支',
};

export const AREA_KIND_LABELS: Record<AreaKind, string> = {
  county: '县',
  district: '区',
  township: '乡镇',
  street: '街道',
  village: '村',
  community: '社区',
};

export const SECTOR_LABELS: Record<Sector, string> = {
  rural: '农村',
  community: '社区',
  government: '机关',
  soe: '国企',
  school: '学校',
  hospital: '医院',
  private_enterprise: '非公企业',
  social_organisation: '社会组织',
};

export const STATION_TYPE_LABELS: Record<StationType, string> = {
  director_office: '局长驻点工作室',
  talk_room: '群众说事室',
  red_steward: '红管家服务驿站',
};

export const GUIDANCE_KIND_LABELS: Record<'regular' | 'random' | 'stationed', string> = {
  regular: '经常性调研督查',
  random: '随机式调研督查',
  stationed: '蹲点式调研督查',
};
