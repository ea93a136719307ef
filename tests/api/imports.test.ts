// 台账导入: a dry run lists every row error in Chinese and writes nothing; a file with errors is refused whole; an
// import runs chunk by chunk, resumes after a run that died half-way, and importing the same file again changes
// nothing; only staff over the import root may import.
import { IMPORT_SHEETS } from '@shared/schemas/ledger';
import { auditKeys } from '../../functions/audit/audit.entity';
import { applyRow } from '../../functions/imports/apply';
import { readChunk } from '../../functions/imports/imports.repository';
import { loadPrincipal } from '../../functions/users/principal';
import { partition } from './db';
import { call, expectError } from './http';
import { csvBase64, xlsxBase64 } from './ledger-files';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant, type Person } from './people';

let org: OwnTownship;
let admin: Person;
let otherAdmin: Person;
let member: Person;

beforeAll(async () => {
  const [own, other] = await Promise.all([ownTownship('imp'), ownTownship('impx')]);
  org = own;
  [[admin], [otherAdmin], [member]] = await Promise.all([
    withGrant('township_admin', own.townshipId, 1),
    withGrant('township_admin', other.townshipId, 1),
    withGrant('member', own.branchId, 1),
  ]);
}, 120_000);

const body = (contentBase64: string, fileName = '导入.xlsx') => ({ orgId: org.townshipId, fileName, contentBase64 });
const childrenOf = async (parentId: string) => (await call('listOrgs', { query: { parentId, limit: '50' } })).body.items as { id: string; name: string; type: string }[];

/** Runs a job to its end, one chunk a call, and returns its last state. */
async function runToEnd(jobId: string) {
  let job = (await call('getImport', { token: admin.token, params: { jobId } })).body;
  for (let guard = 0; job.status !== 'done'; guard++) {
    if (guard > job.chunks) throw new Error(`import did not finish: ${JSON.stringify(job)}`);
    const res = await call('runImport', { token: admin.token, params: { jobId } });
    expect(res.status).toBe(200);
    job = res.body;
  }
  return job;
}

describe('dry run', () => {
  it('lists every row error with sheet, row and column, in Chinese, and writes nothing', async () => {
    // Prepare: one good row per sheet around every kind of mistake
    const file = await xlsxBase64({
      组织: [
        ['', '干校村', '村（社区）', '村', ''],
        ['干校村', '干校村党支部', '党支部', '', '农村'],
        ['干校村', '干校村党支部', '党支部', '', '农村'],
        ['不存在的村', '孤儿支部', '党支部', '', '农村'],
        ['', '某单位', '单位', '', ''],
        ['干校村', '无领域支部', '党支部', '', ''],
      ],
      驿站: [['干校村', '干校村说事室', '说事室', '村委会', '', '', '干校村']],
      党员: [
        ['干校村/干校村党支部', '张三', '1380000000', '2001-07-01', '正式'],
        ['干校村/干校村党支部', '李四', '13800000001', '2001-02-30', '预备'],
        ['干校村/干校村党支部', '王五', '13800000002', '', '候补'],
        ['干校村', '赵六', '13800000003', '', ''],
      ],
    });
    // Act
    const res = await call('checkImport', { token: admin.token, body: body(file) });
    // Assess
    expect(res.status).toBe(200);
    const errors = res.body.errors.map((e: { sheet: string; row: number; column: string }) => `${e.sheet}!${e.row}!${e.column}`);
    expect(errors).toEqual([
      '党员!2!手机号', '党员!3!入党日期', '党员!4!党员状态', '党员!5!所属支部',
      '组织!4!名称', '组织!5!上级组织', '组织!6!类型', '组织!7!领域',
      '驿站!2!类型',
    ].sort((a, b) => a.split('!')[0]!.localeCompare(b.split('!')[0]!) || Number(a.split('!')[1]) - Number(b.split('!')[1])));
    const message = (sheet: string, row: number) => res.body.errors.find((e: { sheet: string; row: number }) => e.sheet === sheet && e.row === row).message;
    expect(message('组织', 4)).toBe('与第 3 行重复：同一上级组织下已有「干校村党支部」');
    expect(message('组织', 5)).toBe('找不到「不存在的村」：系统中和文件中都没有这个组织');
    expect(message('组织', 7)).toBe('请选择党支部所属领域');
    expect(message('党员', 2)).toContain('手机号「1380000000」无效');
    expect(message('党员', 3)).toContain('入党日期「2001-02-30」无效');
    expect(message('党员', 5)).toBe('「干校村」不是党支部');
    expect(res.body.toCreate).toEqual({ orgs: 2, stations: 0, members: 0 });
    expect(await childrenOf(org.townshipId)).toEqual([expect.objectContaining({ id: org.villageId })]);
  });

  it('answers a file it cannot read with 400 and says why, from the readers loaded apart from the bundle', async () => {
    // Prepare: the readers are a chunk of their own in the imports function (core/stubs/plugins.cjs), with their own
    // copy of the error classes, so their refusals must still be answered 400, not 500.
    const garbage = Buffer.from('这不是表格文件'.repeat(20)).toString('base64');
    const oldXls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]).toString('base64');
    // Act
    const notAFile = await call('checkImport', { token: admin.token, body: body(garbage, '台账.xlsx') });
    const xls = await call('checkImport', { token: admin.token, body: body(oldXls, '台账.xlsx') }); // an .xls renamed
    // Assess
    expectError(notAFile, 400, 'VALIDATION_FAILED');
    expect(notAFile.body.error.message).toMatch(/无法读取文件/);
    expectError(xls, 400, 'VALIDATION_FAILED');
    expect(xls.body.error.message).toMatch(/旧版 \.xls/);
  });

  it('refuses to start an import of a file with errors, and writes nothing (an unknown parent is a row error)', async () => {
    // Prepare
    const file = csvBase64('组织', [['', '新民村', '村（社区）', '社区', ''], ['旧民村', '旧民村党支部', '党支部', '', '农村']]);
    // Act
    const dry = await call('checkImport', { token: admin.token, body: body(file, '组织.csv') });
    const res = await call('createImport', { token: admin.token, body: body(file, '组织.csv') });
    // Assess
    expect(dry.body.errors).toEqual([{ sheet: IMPORT_SHEETS.orgs, row: 3, column: '上级组织', message: '找不到「旧民村」：系统中和文件中都没有这个组织' }]);
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.message).toBe('文件有 1 处错误，未导入任何数据：请修正后重新导入');
    expect(res.body.error.details).toEqual([{ path: '组织!第3行!上级组织', message: '找不到「旧民村」：系统中和文件中都没有这个组织' }]);
    expect((await childrenOf(org.townshipId)).map((o) => o.name)).not.toContain('新民村');
  });
});

describe('import', () => {
  const phones = Array.from({ length: 230 }, (_, i) => `139${String(10000000 + i).padStart(8, '0')}`);
  const file = () =>
    xlsxBase64({
      组织: [['', '新桥村', '村（社区）', '村', ''], ['新桥村', '新桥村党支部', '党支部', '', '农村'], ['', '两新联合党支部', '党支部', '', '非公企业']],
      驿站: [['新桥村', '新桥村红管家驿站', '红管家服务驿站', '新桥村文化礼堂', '县民政局', '每天 8:00-18:00', '新桥村']],
      党员: phones.map((p, i) => ['新桥村/新桥村党支部', `党员${i}`, p, i === 0 ? '1998-05-04' : '', i === 0 ? '预备' : '正式']),
    });

  it('applies the rows chunk by chunk, then a second import of the same file changes nothing', async () => {
    // Act
    const created = await call('createImport', { token: admin.token, body: body(await file()) });
    const job = await runToEnd(created.body.id);
    const again = await call('checkImport', { token: admin.token, body: body(await file()) });
    const second = await call('createImport', { token: admin.token, body: body(await file()) });
    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'running', chunksDone: 0, rows: 234 });
    expect(created.body.chunks).toBeGreaterThanOrEqual(4); // two org levels, the station, and the members in two chunks
    expect(job).toMatchObject({ status: 'done', rowsDone: 234, created: { orgs: 3, stations: 1, members: 230 }, errors: [] });
    expect(again.body).toEqual({ toCreate: { orgs: 0, stations: 0, members: 0 }, existing: { orgs: 3, stations: 1, members: 230 }, errors: [] });
    expect(second.body).toMatchObject({ status: 'done', chunks: 0, rows: 0 });
    const village = (await childrenOf(org.townshipId)).find((o) => o.name === '新桥村')!;
    expect((await childrenOf(org.townshipId)).filter((o) => ['新桥村', '两新联合党支部'].includes(o.name))).toHaveLength(2);
    const [branch] = await childrenOf(village.id);
    expect(branch).toMatchObject({ name: '新桥村党支部', type: 'branch' });
    const stations = (await call('listStations', { query: { orgId: village.id } })).body.items;
    expect(stations).toEqual([expect.objectContaining({ name: '新桥村红管家驿站', stationType: 'red_steward', serves: [village.id] })]);
    const roster = [];
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await call('listMembers', { token: admin.token, params: { branchId: branch!.id }, query: { limit: '50', ...(cursor ? { cursor } : {}) } });
      roster.push(...page.body.items);
      cursor = page.body.nextCursor ?? undefined;
    }
    expect(roster).toHaveLength(230);
    expect(roster.find((m: { displayName: string }) => m.displayName === '党员0')).toMatchObject({ phoneMasked: '139****0000', joinedPartyOn: '1998-05-04', partyStatus: 'probationary' });
  }, 180_000);

  it('resumes after a run that died half-way through a chunk: nothing twice, every row once', async () => {
    // Prepare: a job, and its first chunk half applied by a run that never recorded it
    const file = csvBase64('组织', [['', '回春村', '村（社区）', '村', ''], ['', '复兴社区', '村（社区）', '社区', ''], ['', '长乐村', '村（社区）', '村', '']]);
    const job = (await call('createImport', { token: admin.token, body: body(file, '续传.csv') })).body;
    const rows = await readChunk(job.id, 0);
    const principal = (await loadPrincipal(admin.userId))!;
    await applyRow(principal, rows[0]!, new Map());
    // Act
    const done = await runToEnd(job.id);
    // Assess
    expect(rows).toHaveLength(3);
    expect(done).toMatchObject({ status: 'done', chunksDone: 1, created: { orgs: 3, stations: 0, members: 0 }, errors: [] });
    const names = (await childrenOf(org.townshipId)).map((o) => o.name);
    for (const name of ['回春村', '复兴社区', '长乐村']) expect(names.filter((n) => n === name)).toHaveLength(1);
    const firstId = (rows[0] as { id: string }).id;
    const audit = (await partition(auditKeys.partition(org.townshipId))).filter((e) => (e.target as { id: string } | undefined)?.id === firstId);
    expect(audit).toHaveLength(1);
  }, 120_000);
});

describe('permissions', () => {
  it('refuses a township admin of another township, and a member', async () => {
    const file = csvBase64('组织', [['', '越权村', '村（社区）', '村', '']]);
    expectError(await call('checkImport', { token: otherAdmin.token, body: body(file, 'x.csv') }), 403, 'FORBIDDEN');
    expectError(await call('createImport', { token: otherAdmin.token, body: body(file, 'x.csv') }), 403, 'FORBIDDEN');
    expectError(await call('createImport', { token: member.token, body: body(file, 'x.csv') }), 403, 'FORBIDDEN');
    expect((await childrenOf(org.townshipId)).map((o) => o.name)).not.toContain('越权村');
  });
});
