// 台账导入 at county scale: a county of 15 townships, 300 villages and communities, 1,000 branches, 20,000 members and
// 200 stations, generated in memory as one .xlsx (the template's three sheets), then checked (dry run), turned into a
// job and applied chunk by chunk by the import service in process against DynamoDB Local, as the app's calls would;
// then the same file checked and imported again (must create nothing). Reports wall time, the longest single call
// (each is one Lambda invocation: it must stay well under the 29 s timeout) and DynamoDB requests per row, counted by
// a middleware on the SDK client. `IMPORT_SCALE=0.1` runs a tenth of it.
//   node -r @swc-node/register bench/import.ts
// `npm run bench` runs it in a child process (benchImport): the functions read their configuration once per process.
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import type { Principal } from '../functions/core/policy';
import { ensureTable, startDynamoLocal } from '../scripts/lib/dynamodb-local';
import { LOCAL_TABLE, localFunctionEnv } from '../scripts/lib/local-env';
import { freePort } from '../scripts/lib/ports';
import { fmt, round, table } from './stats';

const SCALE = Number(process.env.IMPORT_SCALE ?? 1);
const TOWNSHIPS = 15;
const VILLAGES = Math.round(300 * SCALE);
const BRANCHES = Math.round(1_000 * SCALE);
const MEMBERS = Math.round(20_000 * SCALE);
const STATIONS = Math.round(200 * SCALE);

export interface ImportStep { name: string; calls: number; ms: number; maxCallMs: number; requests: number; rows: number }
export interface ImportReport { rows: { orgs: number; stations: number; members: number }; fileKiB: number; chunks: number; steps: ImportStep[]; secondRunCreated: number }

/** The county's file: paths below the county, as the template asks. */
async function countyFile(): Promise<{ base64: string; rows: ImportReport['rows'] }> {
  const wb = new ExcelJS.Workbook();
  const orgs = wb.addWorksheet('组织');
  const stations = wb.addWorksheet('驿站');
  const members = wb.addWorksheet('党员');
  orgs.addRow(['上级组织', '名称', '类型', '类别', '领域']);
  stations.addRow(['所属组织', '名称', '类型', '地址', '承办单位', '开放时间', '服务村社区']);
  members.addRow(['所属支部', '姓名', '手机号', '入党日期', '党员状态']);
  const branches: string[] = [];
  const villages: string[] = [];
  for (let t = 0; t < TOWNSHIPS; t++) orgs.addRow(['', `第${t + 1}镇`, '乡镇（街道）', t % 3 ? '乡镇' : '街道', '']);
  for (let v = 0; v < VILLAGES; v++) {
    const path = `第${(v % TOWNSHIPS) + 1}镇/${v % 4 ? '' : '第'}${v + 1}${v % 4 ? '村' : '社区'}`;
    villages.push(path);
    orgs.addRow([path.split('/')[0], path.split('/')[1], '村（社区）', v % 4 ? '村' : '社区', '']);
  }
  // A branch per village, the rest under townships (机关, 两新) and a second one in the bigger villages.
  for (let b = 0; b < BRANCHES; b++) {
    const underVillage = b < VILLAGES || b % 3 !== 0;
    const parent = underVillage ? villages[b % VILLAGES]! : `第${(b % TOWNSHIPS) + 1}镇`;
    const name = `第${b + 1}党支部`;
    branches.push(`${parent}/${name}`);
    orgs.addRow([parent, name, '党支部', '', underVillage ? (parent.endsWith('社区') ? '社区' : '农村') : b % 2 ? '机关' : '非公企业']);
  }
  for (let s = 0; s < STATIONS; s++) stations.addRow([villages[s]!, `第${s + 1}驿站`, '群众说事室', `第${s + 1}号`, '', '周一至周五', villages[s]!]);
  for (let m = 0; m < MEMBERS; m++) {
    members.addRow([branches[m % BRANCHES]!, `党员${m + 1}`, `13${String(100_000_000 + m).slice(0, 9)}`, `${1970 + (m % 50)}-0${1 + (m % 9)}-1${m % 10}`, m % 10 ? '正式' : '预备']);
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { base64: buffer.toString('base64'), rows: { orgs: TOWNSHIPS + VILLAGES + BRANCHES, stations: STATIONS, members: MEMBERS } };
}

export async function measureImport(log: (msg: string) => void): Promise<ImportReport> {
  log('starting DynamoDB Local (in memory)…');
  const db = await startDynamoLocal({ port: await freePort() });
  const kill = () => db.process.kill('SIGKILL');
  process.once('exit', kill);
  Object.assign(process.env, localFunctionEnv({ dynamoEndpoint: db.endpoint, tableName: LOCAL_TABLE }));
  try {
    await ensureTable(db.endpoint, LOCAL_TABLE);
    const { ddb, TABLE } = await import('../functions/core/dynamo');
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const { orgItem, orgUnder } = await import('../functions/orgs/org.entity');
    const svc = await import('../functions/imports/imports.service');
    const county = orgUnder(null, { id: 'bench-county', name: '样本县', type: 'county', kind: 'county' });
    await ddb.send(new PutCommand({ TableName: TABLE, Item: orgItem(county) }));
    const principal: Principal = { userId: 'bench-admin', grants: [{ role: 'admin', orgId: county.id }], user: { id: 'bench-admin', displayName: '基准测试', grants: [{ role: 'admin', orgId: county.id }] } };
    const file = await countyFile();
    const body = { orgId: county.id, fileName: '样本县.xlsx', contentBase64: file.base64 };
    const allRows = file.rows.orgs + file.rows.stations + file.rows.members;
    log(`file: ${fmt(file.base64.length * 0.75 / 1024, 0)} KiB, ${allRows} rows`);

    let requests = 0;
    ddb.middlewareStack.add((next) => async (args) => (requests++, next(args)), { step: 'initialize', name: 'benchImportRequests' });
    const steps: ImportStep[] = [];
    const step = async <T>(name: string, rows: number, calls: () => Promise<{ value: T; times: number[] }>) => {
      const r0 = requests;
      const t0 = performance.now();
      const { value, times } = await calls();
      steps.push({ name, calls: times.length, ms: performance.now() - t0, maxCallMs: Math.max(...times), requests: requests - r0, rows });
      log(`${name}: ${fmt((performance.now() - t0) / 1000)} s`);
      return value;
    };
    const timed = async <T>(f: () => Promise<T>) => {
      const t0 = performance.now();
      const value = await f();
      return { value, times: [performance.now() - t0] };
    };
    const check = await step('dry run', allRows, () => timed(() => svc.checkImport(principal, body)));
    if (check.errors.length) throw new Error(`the generated file has errors: ${JSON.stringify(check.errors.slice(0, 3))}`);
    const job = await step('create job', allRows, () => timed(() => svc.createImport(principal, body)));
    const done = await step('apply (all runs)', allRows, async () => {
      const times: number[] = [];
      let j = job;
      while (j.status !== 'done') {
        const t0 = performance.now();
        j = await svc.runImport(principal, job.id);
        times.push(performance.now() - t0);
        if (times.length % 20 === 0) log(`  ${j.chunksDone}/${j.chunks} chunks`);
      }
      return { value: j, times };
    });
    if (done.errors.length || done.created.members !== file.rows.members) throw new Error(`import incomplete: ${JSON.stringify({ created: done.created, errors: done.errors.slice(0, 3) })}`);
    const again = await step('dry run again (all existing)', allRows, () => timed(() => svc.checkImport(principal, body)));
    const second = await step('import again', allRows, () => timed(() => svc.createImport(principal, body)));
    return { rows: file.rows, fileKiB: round((file.base64.length * 0.75) / 1024, 0), chunks: job.chunks, steps, secondRunCreated: again.toCreate.orgs + again.toCreate.stations + again.toCreate.members + second.rows };
  } finally {
    await db.stop();
    process.removeListener('exit', kill);
  }
}

export function printImport(r: ImportReport): void {
  console.log(`${r.rows.orgs} orgs, ${r.rows.stations} stations, ${r.rows.members} members; file ${r.fileKiB} KiB; ${r.chunks} chunks`);
  console.log(table(['step', 'calls', 'wall s', 'longest call s', 'DynamoDB requests', 'per row'], r.steps.map((s) => [s.name, s.calls, fmt(s.ms / 1000), fmt(s.maxCallMs / 1000, 2), s.requests, fmt(s.requests / s.rows, 2)])));
  console.log(`second import of the same file: ${r.secondRunCreated} rows to create (must be 0)`);
}

export const importJson = (r: ImportReport) => ({ ...r, steps: r.steps.map((s) => ({ ...s, ms: round(s.ms, 0), maxCallMs: round(s.maxCallMs, 0), requestsPerRow: round(s.requests / s.rows, 3) })) });

/** In a child process, as bench/jobs.ts: the functions read their configuration once per process. */
export function benchImport(log: (msg: string) => void): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--child'], { execArgv: ['-r', '@swc-node/register'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    const killChild = () => child.kill('SIGTERM');
    process.once('exit', killChild);
    let report: ImportReport | undefined;
    child.stdout!.on('data', (d: Buffer) => d.toString().split('\n').filter(Boolean).forEach((l) => log(l)));
    child.on('message', (m) => (report = m as ImportReport));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.removeListener('exit', killChild);
      if (report && code === 0) resolve(report);
      else reject(new Error(`bench/import.ts exited with ${signal ?? code}`));
    });
  });
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const child = process.argv.includes('--child');
  if (child) process.on('disconnect', () => process.exit(1));
  measureImport((m) => console.log(m)).then(
    (r) => (child ? process.send!(r, () => process.exit(0)) : (printImport(r), process.exit(0))),
    (err) => {
      console.error((err as Error).stack ?? String(err));
      process.exit(1);
    },
  );
}
