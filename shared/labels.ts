// zh-CN words the UI shows for the contract's codes.
import type { OrgType, Role } from './schemas/common';
import type { AreaKind, Sector, StationType } from './schemas/orgs';
import type { BookingStatus } from './schemas/bookings';
import type { ConcernCategory, ConcernStatus } from './schemas/concerns';
import type { PartyStatus } from './schemas/members';
import type { AttendanceStatus } from './schemas/themeday';
type AttendanceStatusCode = import('zod/mini').infer<ReturnType<typeof AttendanceStatus>>;

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

export const CONCERN_CATEGORY_LABELS: Record<ConcernCategory, string> = {
  environment: '环境卫生',
  traffic: '道路交通',
  dispute: '邻里纠纷',
  social_security: '社会保障',
  village_affairs: '村务管理',
  other: '其他',
};

export const CONCERN_STATUS_LABELS: Record<ConcernStatus, string> = {
  submitted: '已受理',
  in_progress: '处理中',
  resolved: '已办结',
  closed: '已评价',
  transferred: '已转办',
  rejected: '不予受理',
};

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '已预约',
  cancelled: '已取消',
  completed: '已接待',
  no_show: '未到场',
};

export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatusCode, string> = {
  present: '出席',
  absent: '缺席',
  leave: '请假',
  online: '线上参与',
};

export const PARTY_STATUS_LABELS: Record<PartyStatus, string> = { full: '正式党员', probationary: '预备党员' };
