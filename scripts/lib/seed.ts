// Local seed data: part of Huzhou's real org tree (安吉县, 德清县, 吴兴区), branches with members, stations, and
// the personas `POST /v1/auth/dev` logs in as. Items are built by the same entity functions the API uses.
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { withImpliedGrants } from '../../shared/roles';
import type { Grant } from '@shared/schemas/people';
import type { OrgType } from '@shared/schemas/common';
import { DAY_MS, HOUR_MS } from '../../shared/time';
import { orgItem, orgNameItem, orgUnder, servedByItem, stationItem, stationOf, type OrgRecord } from '../../functions/orgs/org.entity';
import type { AreaKind, Sector, StationType } from '@shared/schemas/orgs';
import { grantItem, identityItem, profileItem, type ProfileRecord } from '../../functions/users/user.entity';
import { localClient } from './dynamodb-local';
import { ideaItem, type IdeaRecord } from '../../functions/ideas/idea.entity';
import { noticeItem, type NoticeRecord } from '../../functions/notices/notice.entity';
import { themeDayItem } from '../../functions/themedays/themeday.entity';

interface VillageSpec {
  id: string;
  name: string;
}
interface TownshipSpec {
  id: string;
  name: string;
  villages: VillageSpec[];
}
interface CountySpec {
  id: string;
  name: string;
  townships: TownshipSpec[];
}

const CITY = { id: 'huzhou', name: '湖州市' };
const COUNTIES: CountySpec[] = [
  {
    id: 'anji',
    name: '安吉县',
    townships: [
      { id: 'tianhuangping', name: '天荒坪镇', villages: [{ id: 'yucun', name: '余村' }, { id: 'daxi', name: '大溪村' }] },
      { id: 'xilong', name: '溪龙乡', villages: [{ id: 'huangdu', name: '黄杜村' }, { id: 'xucunwan', name: '徐村湾村' }] },
    ],
  },
  {
    id: 'deqing',
    name: '德清县',
    townships: [{ id: 'moganshan', name: '莫干山镇', villages: [{ id: 'xiantan', name: '仙潭村' }, { id: 'laoling', name: '劳岭村' }] }],
  },
  {
    id: 'wuxing',
    name: '吴兴区',
    townships: [{ id: 'balidian', name: '八里店镇', villages: [{ id: 'xiaoqian', name: '潞村' }, { id: 'nanxun-qiao', name: '尹家圩村' }] }],
  },
];

const SURNAMES = ['张', '李', '王', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '沈', '钱', '潘', '姚'];
const GIVEN = ['建国', '秀英', '志强', '美华', '国平', '丽娟', '伟民', '晓燕', '海峰', '桂芳', '永红', '文斌', '玉兰', '德明', '春梅', '建华', '振华', '淑珍', '红霞', '志刚', '立新', '慧敏', '学军', '雪芬'];

/** A deterministic, realistic name for the n-th generated person. */
const personName = (n: number) => `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7 + 3) % GIVEN.length]}`;

/** Party-joining dates spread over the calendar so every month has political birthdays. */
const joinedOn = (n: number) => {
  const year = 1975 + ((n * 7) % 45);
  const month = (n % 12) + 1;
  const day = ((n * 5) % 27) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

export const branchIdOf = (villageId: string) => `${villageId}-dzb`;
export const stationIdOf = (villageId: string) => `st-${villageId}`;

export interface SeedSummary {
  orgs: number;
  stations: number;
  users: number;
  items: number;
}

/**
 * A little content so the app is not empty on first start: an upcoming theme day of 余村党支部 (a week after
 * seeding), two ideas, and notices of the branch, the village and the township.
 */
function demoContent(at: string): Record<string, unknown>[] {
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const day = DAY_MS;
  const yucunBranchPath = ['huzhou', 'anji', 'tianhuangping', 'yucun', 'yucun-dzb'];
  const idea = (id: string, authorId: string, title: string, content: string, category: IdeaRecord['category']): IdeaRecord => ({
    id, branchId: 'yucun-dzb', path: yucunBranchPath, authorId, title, content, category, moderation: 'visible', supportCount: 0, reportCount: 0, createdAt: iso(now - day),
  });
  const notice = (id: string, orgId: string, path: string[], title: string, body: string, category: NoticeRecord['category'], pinned = false): NoticeRecord => ({
    id, orgId, path, title, body, category, pinned, status: 'published', publishedAt: iso(now - (pinned ? 2 : 1) * day), updatedAt: iso(now), authorId: 'u-demo-secretary-1', updatedBy: 'u-demo-secretary-1',
  });
  const start = new Date(now + 7 * day);
  start.setUTCHours(1, 0, 0, 0); // 09:00 in Asia/Shanghai
  return [
    ideaItem(idea('seed-idea-1', 'u-demo-member-1', '到余村两山会址重温入党誓词', '在“绿水青山就是金山银山”理念诞生地集体重温入党誓词，请老党员讲讲余村的变迁。', 'oath')),
    ideaItem(idea('seed-idea-2', 'u-demo-member-2', '为独居老人开展一次志愿服务', '结合主题党日，分组上门为村里的独居老人打扫卫生、检查用电安全。', 'volunteer')),
    themeDayItem({
      id: 'seed-themeday-1', branchId: 'yucun-dzb', path: yucunBranchPath, title: '重温入党誓词 · 践行“两山”理念',
      startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * HOUR_MS).toISOString(),
      location: '余村村委会二楼党员活动室', agenda: ['重温入党誓词', '学习党的二十届四中全会精神', '集中交纳党费', '讨论志愿服务安排'],
      ideaIds: ['seed-idea-1'], onlineParticipation: true, category: 'oath', status: 'published', publishedAt: iso(now - 2 * day),
      lateNotice: false, attVersion: 0, createdBy: 'u-demo-secretary-1', createdAt: iso(now),
    }),
    noticeItem(notice('seed-notice-1', 'yucun-dzb', yucunBranchPath, '余村党支部第三季度党费收缴情况公示', '本支部党员均已按时足额交纳第三季度党费，明细已张贴于村务公开栏，欢迎监督。', 'party', true)),
    noticeItem(notice('seed-notice-2', 'yucun', yucunBranchPath.slice(0, 4), '余村 2026 年村级财务收支公开', '现将本村 1—9 月财务收支情况予以公开，如有疑问请于公示期内向村务监督委员会反映。', 'finance')),
    noticeItem(notice('seed-notice-3', 'tianhuangping', yucunBranchPath.slice(0, 3), '关于做好本月主题党日活动的通知', '各党支部：请于本月 10 日前发布主题党日预告，活动结束后及时填写总结。', 'party')),
  ];
}

export function buildSeedItems(at = '2026-01-01T00:00:00.000Z'): { items: Record<string, unknown>[]; summary: SeedSummary } {
  const items: Record<string, unknown>[] = [];
  let orgs = 0;
  let stations = 0;
  let users = 0;
  let person = 0;

  const addOrg = (id: string, name: string, type: OrgType, parent: OrgRecord | null, extra: { kind?: AreaKind; sector?: Sector } = {}): OrgRecord => {
    const org = orgUnder(parent, { id, name, type, ...extra });
    // With its name claim, so administration finds a duplicate of a seeded name too.
    items.push(orgItem(org), orgNameItem(org));
    orgs++;
    return org;
  };
  const addStation = (
    id: string,
    name: string,
    org: OrgRecord,
    address: string,
    lat: number,
    lng: number,
    extra: { stationType?: StationType; hostDepartment?: string; openingHours?: string; serves?: string[] } = {},
  ) => {
    const station = stationOf(org, { id, name, address, lat, lng, ...extra });
    items.push(stationItem(station), ...(extra.serves ?? []).map((v) => servedByItem(v, id)));
    stations++;
    return station;
  };
  const addUser = (
    id: string,
    openid: string | undefined,
    displayName: string,
    grants: Grant[],
    extra: Partial<ProfileRecord> = {},
  ) => {
    items.push(profileItem({ id, displayName, createdAt: at, updatedAt: at, ...(openid ? { openid } : {}), ...extra }));
    if (openid) items.push(identityItem(openid, id, at));
    // The app's own rule: a secretary's grant brings the branch's member grant with it (IMPLIED_ROLES).
    for (const g of withImpliedGrants(grants)) items.push(grantItem(id, g, at));
    users++;
  };

  const city = addOrg(CITY.id, CITY.name, 'city', null);
  addUser('u-demo-admin', 'demo-admin', '市委组织部 管理员', [{ role: 'admin', orgId: city.id }]);

  const counties = new Map<string, OrgRecord>();
  COUNTIES.forEach((countySpec, ci) => {
    // The original demo orgs and stations keep their original fields: tests compare them whole.
    const county = addOrg(countySpec.id, countySpec.name, 'county', city);
    countySpec.townships.forEach((townSpec, ti) => {
      const township = addOrg(townSpec.id, townSpec.name, 'township', county);
      const lat = 30.6 + ci * 0.1 + ti * 0.03;
      const lng = 119.6 + ci * 0.1 + ti * 0.03;
      addStation(`st-${townSpec.id}`, `${townSpec.name}局长驻点工作室`, township, `${countySpec.name}${townSpec.name}人民政府一楼`, lat, lng);
      townSpec.villages.forEach((villageSpec, vi) => {
        const village = addOrg(villageSpec.id, villageSpec.name, 'village', township);
        const branch = addOrg(branchIdOf(villageSpec.id), `${villageSpec.name}党支部`, 'branch', village);
        addStation(
          stationIdOf(villageSpec.id),
          `${villageSpec.name}群众说事室`,
          village,
          `${countySpec.name}${townSpec.name}${villageSpec.name}村民服务中心`,
          lat + vi * 0.01,
          lng + vi * 0.01,
        );
        const isDemoBranch = villageSpec.id === 'yucun';
        // Secretaries are party members too (their member grant is implied): they count in their branch's attendance.
        const secGrants: Grant[] = [{ role: 'secretary', orgId: branch.id }];
        if (isDemoBranch) {
          addUser('u-demo-secretary-1', 'demo-secretary-1', '潘书记', secGrants, { villageId: village.id, joinedPartyOn: '1998-07-01' });
        } else {
          addUser(`u-${branch.id}-sec`, undefined, personName(person++), secGrants, { villageId: village.id, joinedPartyOn: joinedOn(person) });
        }
        for (let m = 1; m <= 8; m++) {
          const n = person++;
          const grants: Grant[] = [{ role: 'member', orgId: branch.id }];
          const extra = { villageId: village.id, joinedPartyOn: joinedOn(n) };
          if (isDemoBranch) addUser(`u-demo-member-${m}`, `demo-member-${m}`, personName(n), grants, extra);
          else addUser(`u-${branch.id}-m${m}`, undefined, personName(n), grants, extra);
        }
      });
      if (townSpec.id === 'tianhuangping') {
        addUser('u-demo-township-1', 'demo-township-1', '钱立新', [{ role: 'township_admin', orgId: township.id }]);
        addUser('u-demo-official-1', 'demo-official-1', '沈建华', [{ role: 'official', orgId: stationIdOf('yucun') }]);
      }
    });
    counties.set(county.id, county);
  });

  /** A county party committee with a 机关 branch under it, right below the county: the tree has no fixed depth. */
  function mixedTree(county: OrgRecord) {
    const committee = addOrg('deqing-xw', '中共德清县委', 'committee', county);
    const branch = addOrg('deqing-jgdzb', '德清县委组织部机关党支部', 'branch', committee, { sector: 'government' });
    addUser('u-deqing-jgdzb-sec', undefined, personName(person++), [{ role: 'secretary', orgId: branch.id }], { joinedPartyOn: joinedOn(person) });
    for (let m = 1; m <= 8; m++) addUser(`u-deqing-jgdzb-m${m}`, undefined, personName(person++), [{ role: 'member', orgId: branch.id }], { joinedPartyOn: joinedOn(person) });
  }

  /** A street (街道) with a community and its 社区 branch, a 两新 branch right under the street, and a 红管家 station. */
  function streetWithCommunity(county: OrgRecord) {
    const street = addOrg('feiying', '飞英街道', 'township', county, { kind: 'street' });
    const community = addOrg('fenghuang', '凤凰社区', 'village', street, { kind: 'community' });
    const branches = [
      addOrg('fenghuang-dzb', '凤凰社区党支部', 'branch', community, { sector: 'community' }),
      addOrg('feiying-lxdzb', '飞英街道非公企业联合党支部', 'branch', street, { sector: 'private_enterprise' }),
    ];
    addStation('st-fenghuang', '凤凰社区红管家服务驿站', street, '吴兴区飞英街道凤凰社区党群服务中心', 30.87, 120.09, {
      stationType: 'red_steward', hostDepartment: '飞英街道党工委', openingHours: '每日 9:00—18:00', serves: [community.id],
    });
    for (const branch of branches) {
      addUser(`u-${branch.id}-sec`, undefined, personName(person++), [{ role: 'secretary', orgId: branch.id }], { joinedPartyOn: joinedOn(person) });
      for (let m = 1; m <= 8; m++) addUser(`u-${branch.id}-m${m}`, undefined, personName(person++), [{ role: 'member', orgId: branch.id }], { joinedPartyOn: joinedOn(person) });
    }
  }

  const residentVillages = ['yucun', 'daxi', 'huangdu'];
  residentVillages.forEach((villageId, i) => {
    addUser(`u-demo-resident-${i + 1}`, `demo-resident-${i + 1}`, `${personName(person++)}（群众）`, [], { villageId });
  });

  // Added last, so the people generated above keep their names and dates.
  mixedTree(counties.get('deqing')!);
  streetWithCommunity(counties.get('wuxing')!);

  items.push(...demoContent(at));
  return { items, summary: { orgs, stations, users, items: items.length } };
}

const MARKER = { pk: 'META', sk: 'SEED' };

export async function isSeeded(endpoint: string, tableName: string): Promise<boolean> {
  const doc = DynamoDBDocumentClient.from(localClient(endpoint));
  try {
    const out = await doc.send(new GetCommand({ TableName: tableName, Key: MARKER }));
    return Boolean(out.Item);
  } finally {
    doc.destroy();
  }
}

/** Writes every seed item (overwriting earlier copies) and the marker that says the database is seeded. */
export async function seed(endpoint: string, tableName: string): Promise<SeedSummary> {
  const { items, summary } = buildSeedItems();
  const doc = DynamoDBDocumentClient.from(localClient(endpoint), { marshallOptions: { removeUndefinedValues: true } });
  try {
    for (let i = 0; i < items.length; i += 25) {
      let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
        [tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
      };
      for (let attempt = 0; request && Object.keys(request).length && attempt < 10; attempt++) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: request }));
        request = out.UnprocessedItems as typeof request;
      }
    }
    await doc.send(new PutCommand({ TableName: tableName, Item: { ...MARKER, seededAt: new Date().toISOString(), ...summary } }));
    return summary;
  } finally {
    doc.destroy();
  }
}
