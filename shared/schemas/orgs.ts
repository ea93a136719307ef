// The organisation tree and its stations: what clients see, and what administration sends.
import * as z from 'zod/mini';
import { DateTimeString, Id, OrgType } from './common';
import { lazy, type Infer } from './lazy';

/** What kind of place an area org is: 区县 county or 区 district, 乡镇 township or 街道 street, 村 village or 社区 community. */
export const AREA_KINDS = ['county', 'district', 'township', 'street', 'village', 'community'] as const;
export const AreaKind = lazy(() => z.enum(AREA_KINDS));
export type AreaKind = Infer<typeof AreaKind>;

/** A branch's sector: 农村, 社区, 机关, 国企, 学校, 医院, 非公企业 (两新), 社会组织 (两新). */
export const SECTORS = ['rural', 'community', 'government', 'soe', 'school', 'hospital', 'private_enterprise', 'social_organisation'] as const;
export const Sector = lazy(() => z.enum(SECTORS));
export type Sector = Infer<typeof Sector>;

/**
 * Which org types may hang under which. Party orgs go under any area or committee; a branch is a leaf. Area levels
 * keep their order (a village never under a county directly).
 */
export const CHILD_TYPES: Record<OrgType, readonly OrgType[]> = {
  city: ['county', 'committee', 'general_branch', 'branch'],
  county: ['township', 'committee', 'general_branch', 'branch'],
  township: ['village', 'committee', 'general_branch', 'branch'],
  village: ['committee', 'general_branch', 'branch'],
  committee: ['committee', 'general_branch', 'branch'],
  general_branch: ['branch'],
  branch: [],
};

export const Org = lazy(() => z.object({
  id: Id(),
  name: z.string(),
  type: OrgType(),
  parentId: z.nullable(Id()),
  /** Area orgs: which kind of place (区/县, 乡镇/街道, 村/社区). */
  kind: z.optional(AreaKind()),
  /** Party branches: the sector they work in. */
  sector: z.optional(Sector()),
  /** Set once archived: the org keeps its history and leaves the pickers. */
  archivedAt: z.optional(DateTimeString()),
}));
export type Org = Infer<typeof Org>;

export const STATION_TYPES = ['director_office', 'talk_room', 'red_steward'] as const;
/** 局长驻点工作室 / 群众说事室 / 红管家服务驿站. */
export const StationType = lazy(() => z.enum(STATION_TYPES));
export type StationType = Infer<typeof StationType>;

export const Station = lazy(() => z.object({
  id: Id(),
  name: z.string(),
  orgId: Id(),
  address: z.string(),
  lat: z.optional(z.number()),
  lng: z.optional(z.number()),
  stationType: z.optional(StationType()),
  hostDepartment: z.optional(z.string()),
  openingHours: z.optional(z.string()),
  /** The villages and communities whose new concerns come here. */
  serves: z.optional(z.array(Id())),
}));
export type Station = Infer<typeof Station>;

const OrgName = lazy(() => z.string().check(z.trim(), z.minLength(1, '名称不能为空'), z.maxLength(40, '名称最多 40 个字')));

export const CreateOrgBody = lazy(() => z.strictObject({
  parentId: Id(),
  name: OrgName(),
  type: OrgType(),
  kind: z.optional(AreaKind()),
  sector: z.optional(Sector()),
}));
export type CreateOrgBody = Infer<typeof CreateOrgBody>;

/** Rename, move (new parent), or both. */
export const UpdateOrgBody = lazy(() => z.strictObject({ name: z.optional(OrgName()), parentId: z.optional(Id()), sector: z.optional(Sector()) }).check(
  z.refine((b) => b.name !== undefined || b.parentId !== undefined || b.sector !== undefined, '请填写要修改的名称、上级组织或领域'),
));
export type UpdateOrgBody = Infer<typeof UpdateOrgBody>;

const Lat = lazy(() => z.number().check(z.gte(-90, '纬度无效'), z.lte(90, '纬度无效')));
const Lng = lazy(() => z.number().check(z.gte(-180, '经度无效'), z.lte(180, '经度无效')));
const StationFields = lazy(() => ({
  name: OrgName(),
  stationType: StationType(),
  hostDepartment: z.optional(z.string().check(z.trim(), z.maxLength(40, '承办单位最多 40 个字'))),
  address: z.string().check(z.trim(), z.minLength(1, '地址不能为空'), z.maxLength(100, '地址最多 100 个字')),
  lat: z.optional(Lat()),
  lng: z.optional(Lng()),
  openingHours: z.optional(z.string().check(z.trim(), z.maxLength(60, '开放时间最多 60 个字'))),
  serves: z.optional(z.array(Id()).check(z.maxLength(50, '一个驿站最多服务 50 个村（社区）'))),
}));

export const CreateStationBody = lazy(() => z.strictObject({ orgId: Id(), ...StationFields() }));
export type CreateStationBody = Infer<typeof CreateStationBody>;
export const UpdateStationBody = lazy(() => z
  .partial(z.strictObject(StationFields()))
  .check(z.refine((b) => Object.keys(b).length > 0, '请填写要修改的内容')));
export type UpdateStationBody = Infer<typeof UpdateStationBody>;
