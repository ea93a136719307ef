// `serverless package` (osls, offline) must produce a CloudFormation template with the table from infra/, every
// function and every route of the shared route table.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { routeKey, routes } from '@shared/routes';
import { packageStage } from '../../scripts/lib/package';
import { readZip } from '../../scripts/lib/zip';
import { photoKeys } from '../../functions/concerns/photo.entity';
import { dynamoActions, reachableFiles } from './dynamo-usage';

const root = path.resolve(__dirname, '..', '..');
const tableProps = JSON.parse(readFileSync(path.join(root, 'infra', 'dynamodb-table.json'), 'utf8'));
// Every function serverless.yml declares (route groups and jobs): loops over the template's functions check this many.
const DECLARED_FUNCTIONS = readFileSync(path.join(root, 'serverless.yml'), 'utf8').match(/^\s+handler:/gm)?.length ?? 0;

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
let resources: Record<string, Resource>;
let prod: Record<string, Resource>;
/** The zips `serverless package` wrote for each stage, by file name: their sizes in bytes and the files inside. */
const zips: Record<string, Record<string, number>> = {};
const entries: Record<string, Record<string, string[]>> = {};
/** The text of each prod function's bundle, by zip name. */
const bundles: Record<string, string> = {};
/** Each prod zip's files and their text. */
const files: Record<string, Record<string, string>> = {};

function packageOf(stage: string): Record<string, Resource> {
  const out = mkdtempSync(path.join(os.tmpdir(), `pioneer-package-${stage}-`));
  try {
    packageStage(stage, out);
    const names = readdirSync(out).filter((f) => f.endsWith('.zip'));
    zips[stage] = Object.fromEntries(names.map((f) => [f, statSync(path.join(out, f)).size]));
    entries[stage] = Object.fromEntries(names.map((f) => [f, readZip(readFileSync(path.join(out, f))).map((e) => e.name)]));
    if (stage === 'prod') {
      for (const f of names) {
        files[f] = Object.fromEntries(readZip(readFileSync(path.join(out, f))).map((e) => [e.name, e.data().toString('utf8')]));
        bundles[f] = Object.values(files[f]).join('\n');
      }
    }
    return JSON.parse(readFileSync(path.join(out, 'cloudformation-template-update-stack.json'), 'utf8')).Resources;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

beforeAll(() => {
  resources = packageOf('staging');
  prod = packageOf('prod');
}, 400_000);

const ofType = (type: string) => Object.values(resources).filter((r) => r.Type === type);
/** The functions of a template, after checking they are all there: a loop over them cannot pass by running zero times. */
function functionsOf(template: Record<string, Resource>): [string, Resource][] {
  const fns = Object.entries(template).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
  expect(fns).toHaveLength(DECLARED_FUNCTIONS);
  return fns;
}

describe('the packaged CloudFormation template', () => {
  it('has the table from infra/, retained on stack deletion, with PITR and deletion protection', () => {
    const [table] = ofType('AWS::DynamoDB::Table');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      TableName: 'pioneer-station-staging',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: tableProps.KeySchema,
      GlobalSecondaryIndexes: tableProps.GlobalSecondaryIndexes,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
    });
  });

  it('has a private photo bucket, retained, that expires unattached uploads and lets the H5 build PUT and GET', () => {
    // The other bucket is the framework's own, for the deployment artefacts.
    const bucket = resources.PhotoBucket!;
    expect(bucket.Type).toBe('AWS::S3::Bucket');
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.BucketName).toBe('pioneer-station-photos-staging');
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.LifecycleConfiguration.Rules).toContainEqual(expect.objectContaining({ Status: 'Enabled', Prefix: photoKeys.uploadsPrefix, ExpirationInDays: 1 }));
    expect(bucket.Properties.CorsConfiguration.CorsRules[0].AllowedMethods.sort()).toEqual(['GET', 'PUT']);
  });

  it('has a function for every route group', () => {
    const groups = new Set(Object.values(routes).map((r) => r.group));
    expect(DECLARED_FUNCTIONS).toBeGreaterThan(groups.size); // the route groups and the scheduled jobs
    const names = functionsOf(resources).map(([, f]) => f.Properties.FunctionName);
    for (const g of groups) expect(names).toContain(`pioneer-station-staging-${g}`);
  });

  it('routes every route of the shared table (and a POST twin for each PATCH); local-only ones not at all', () => {
    const keys = ofType('AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey);
    expect(Object.keys(routes).length).toBeGreaterThan(50);
    for (const r of Object.values(routes)) {
      if (r.localOnly) {
        expect(keys).not.toContain(routeKey(r));
        continue;
      }
      expect(keys).toContain(routeKey(r));
      if (r.method === 'PATCH') expect(keys).toContain(`POST ${r.path}`);
    }
  });

  it('answers CORS at the HTTP API with the headers the clients send (deployed functions skip the CORS middleware)', () => {
    const [api] = ofType('AWS::ApiGatewayV2::Api');
    expect(api.Properties.CorsConfiguration).toMatchObject({
      AllowOrigins: ['*'],
      AllowHeaders: expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'x-http-method-override']),
      AllowMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),
    });
  });

  it('reads secrets from SSM', () => {
    const fn = ofType('AWS::Lambda::Function')[0];
    expect(fn.Properties.Environment.Variables).toMatchObject({ STAGE: 'staging', SECRETS_SSM_PATH: '/pioneer-station/staging', JWT_SECRET: '' });
  });

  it('for prod keeps the table and its backups, and alarms on the 5xx rate and on throttling', () => {
    const of = (type: string) => Object.values(prod).filter((r) => r.Type === type);
    const [table] = of('AWS::DynamoDB::Table');
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      TableName: 'pioneer-station-prod',
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    const alarms = of('AWS::CloudWatch::Alarm').map((a) => a.Properties);
    const rate = alarms.find((a) => a.Metrics?.some((m: any) => m.MetricStat?.Metric.MetricName === '5xx'));
    expect(rate?.Metrics.find((m: any) => m.ReturnData).Expression).toContain('errors / requests');
    expect(alarms.map((a) => a.MetricName).filter(Boolean).sort()).toEqual(['ReadThrottleEvents', 'Throttles', 'WriteThrottleEvents']);
    expect(of('AWS::Lambda::Function')[0].Properties.Environment.Variables).toMatchObject({ STAGE: 'prod', SECRETS_SSM_PATH: '/pioneer-station/prod', JWT_SECRET: '' });
  });

  it('for prod throttles every route of the HTTP API at API Gateway', () => {
    const stages = Object.values(prod).filter((r) => r.Type === 'AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    const settings = stages[0]!.Properties.DefaultRouteSettings;
    expect(settings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(settings.ThrottlingBurstLimit).toBeGreaterThanOrEqual(settings.ThrottlingRateLimit);
  });
});

describe('per-function IAM in the prod template', () => {
  const statementsOf = (fn: Resource): any[] => {
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    return prod[roleId].Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
  };
  const actionsOf = (s: any): string[] => [s.Action].flat();
  const idempotentGroups = new Set(Object.values(routes).filter((r) => r.idempotent).map((r) => r.group as string));
  // Powertools idempotency reads, claims, completes and deletes its records with these item actions.
  const IDEMPOTENCY_ACTIONS = ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];

  it('gives every function a role of its own', () => {
    const fns = functionsOf(prod).map(([, f]) => f);
    const roles = new Set(fns.map((f) => f.Properties.Role['Fn::GetAtt']?.[0]));
    expect(roles.size).toBe(fns.length);
    expect(roles.has(undefined)).toBe(false);
  });

  it('has no wildcard action anywhere and no wildcard resource on the table', () => {
    for (const [, fn] of functionsOf(prod)) {
      for (const s of statementsOf(fn)) {
        for (const a of actionsOf(s)) expect(a).not.toContain('*');
        if (actionsOf(s).some((a) => a.startsWith('dynamodb:'))) expect(JSON.stringify(s.Resource)).not.toMatch(/"\*"/);
      }
    }
  });

  const of = (type: string) => Object.entries(prod).filter(([, r]) => r.Type === type);
  // A function fed by the table's stream (the outbox) also reads the stream, and only the stream.
  const STREAM_ACTIONS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'];
  const streamFed = (fnId: string) =>
    of('AWS::Lambda::EventSourceMapping').some(([, m]) => JSON.stringify(m.Properties.FunctionName).includes(`"${fnId}"`) && JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'));

  it('feeds the outbox function from the table stream, filtered to pending outbox events, with its own retries', () => {
    const mappings = of('AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties);
    expect(mappings).toHaveLength(1);
    expect(mappings[0]).toMatchObject({ BisectBatchOnFunctionError: true, FunctionResponseTypes: ['ReportBatchItemFailures'], StartingPosition: 'TRIM_HORIZON' });
    expect(JSON.parse(mappings[0].FilterCriteria.Filters[0].Pattern)).toEqual({ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: ['outbox'] }, state: { S: ['pending'] } } } });
    const [table] = of('AWS::DynamoDB::Table').map(([, t]) => t);
    expect(table!.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
  });

  it('grants each function exactly the DynamoDB actions its code performs', () => {
    for (const [fnId, fn] of functionsOf(prod)) {
      const entry = `${fn.Properties.Handler.replace(/\.[^.]+$/, '')}.ts`;
      const group = fn.Properties.FunctionName.replace('pioneer-station-prod-', '');
      const needed = new Set(dynamoActions(entry));
      if (idempotentGroups.has(group)) for (const a of IDEMPOTENCY_ACTIONS) needed.add(a);
      if (streamFed(fnId)) for (const a of STREAM_ACTIONS) needed.add(a);
      for (const st of statementsOf(fn).filter((x) => actionsOf(x).some((a) => STREAM_ACTIONS.includes(a)))) expect(JSON.stringify(st.Resource)).toContain('StreamArn');
      const granted = new Set(statementsOf(fn).flatMap(actionsOf).filter((a: string) => a.startsWith('dynamodb:')));
      expect({ group, actions: [...granted].sort() }).toEqual({ group, actions: [...needed].sort() });
    }
  });

  it('gives object actions on the photo bucket to the concerns function and deletes to erasure (me), to no other', () => {
    const granted: Record<string, string[]> = {};
    for (const [, fn] of functionsOf(prod)) {
      const group = fn.Properties.FunctionName.replace('pioneer-station-prod-', '');
      const s3 = statementsOf(fn).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
      for (const st of s3) expect(JSON.stringify(st.Resource)).toMatch(/PhotoBucket.*\/\*/);
      if (s3.length) granted[group] = s3.flatMap(actionsOf).sort();
    }
    expect(granted).toEqual({ concerns: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], me: ['s3:DeleteObject'] });
  });

  it('lets only functions that load secrets read them, and only the three by name', () => {
    let readers = 0;
    for (const [, fn] of functionsOf(prod)) {
      const entry = `${fn.Properties.Handler.replace(/\.[^.]+$/, '')}.ts`;
      const loadsSecrets = reachableFiles(entry).some((f) => f.endsWith(path.join('functions', 'core', 'secrets.ts')));
      const ssm = statementsOf(fn).filter((s) => actionsOf(s).some((a) => a.startsWith('ssm:')));
      expect(ssm.length > 0).toBe(loadsSecrets);
      if (loadsSecrets) readers++;
      for (const s of ssm) {
        expect(actionsOf(s)).toEqual(['ssm:GetParameters']);
        const names = s.Resource.map((r: any) => String(r['Fn::Sub']).split('/').pop());
        expect(names.sort()).toEqual(['JWT_SECRET', 'PHONE_KEY', 'WECHAT_APP_SECRET']);
      }
    }
    expect(readers).toBeGreaterThan(0); // every function with a token or WeChat call loads them
  });
});


describe('function packages in the prod template', () => {
  const fns = () => functionsOf(prod);

  it('run every function on nodejs24.x', () => {
    for (const [id, fn] of fns()) expect({ id, runtime: fn.Properties.Runtime }).toEqual({ id, runtime: 'nodejs24.x' });
  });

  it('give every function a zip of its own, none over 500 KB', () => {
    const keys = fns().map(([, fn]) => path.basename(String(fn.Properties.Code.S3Key)));
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.keys(zips.prod).sort()).toEqual([...keys].sort());
    for (const [zip, bytes] of Object.entries(zips.prod)) expect({ zip, bytes, overBudget: bytes > 500_000 }).toEqual({ zip, bytes, overBudget: false });
  });

  it('hold nothing but the function bundle and the chunks it loads on demand: no source map, no node_modules', () => {
    // A chunk is `<bundle>.<name>.js` (core/stubs/plugins.cjs, splitDynamicImport): only imports has one.
    const chunks: Record<string, string[]> = { 'imports.zip': ['sheets'] };
    for (const fn of fns().map(([, f]) => f)) {
      const zip = path.basename(String(fn.Properties.Code.S3Key));
      const bundle = fn.Properties.Handler.replace(/\.[^.]+$/, '');
      expect({ zip, files: entries.prod[zip] }).toEqual({ zip, files: [`${bundle}.js`, ...(chunks[zip] ?? []).map((c) => `${bundle}.${c}.js`)] });
    }
  });

  it('leave out the SDK\'s reader of ~/.aws config files, which a Lambda function has none of (and node:fs/promises with it)', () => {
    expect(Object.keys(bundles)).toHaveLength(DECLARED_FUNCTIONS);
    for (const [zip, text] of Object.entries(bundles)) expect({ zip, readsConfigFiles: text.includes('node:fs/promises') }).toEqual({ zip, readsConfigFiles: false });
  });

  it('carry only the schemas their routes use, not every schema of a module they import one from', () => {
    // Yuan (shared/schemas/practices.ts) checks the dues amounts; themedays imports the same module for birthday cards.
    // esbuild writes non-ASCII characters of strings as \u escapes.
    const yuanRule = '金额最多两位小数'.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    expect(bundles['dues.zip']).toContain(yuanRule);
    expect(bundles['themedays.zip']).toBeDefined();
    expect(bundles['themedays.zip']).not.toContain(yuanRule);
  });

  it('write .xlsx files through node:zlib (core/spreadsheet-zip.ts), without fflate or worker threads', () => {
    // exports only writes; imports also reads, with fflate: read-excel-file's async unzip may inflate in a worker.
    // 'invalid zip data' is one of fflate's error messages.
    expect(bundles['exports.zip']).toBeDefined();
    expect(bundles['exports.zip']).not.toContain('invalid zip data');
    expect(bundles['exports.zip']).not.toContain('worker_threads');
    expect(bundles['exports.zip']).toContain('deflateRawSync');
    expect(bundles['imports.zip']).toContain('invalid zip data');
    expect(bundles['imports.zip']).toContain('worker_threads');
  });

  it('keep the imports function\'s file readers out of its bundle, in a chunk loaded when a file is read', () => {
    // csv-parse's and fflate's own error messages; the bundle requires the chunk by its file name.
    const { 'functions/imports/handler.js': bundle, 'functions/imports/handler.sheets.js': chunk } = files['imports.zip'];
    for (const reader of ['Invalid Record Length', 'invalid zip data']) {
      expect(chunk).toContain(reader);
      expect(bundle).not.toContain(reader);
    }
    expect(bundle).toContain('require("./handler.sheets.js")');
    expect(chunk).not.toContain('DynamoDB');
  });
});
