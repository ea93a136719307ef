// `serverless package` (osls, offline) must produce a CloudFormation template with the table from infra/, every
// function and every route of the shared route table.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { routeKey, routes } from '@shared/routes';

const root = path.resolve(__dirname, '..', '..');
const tableProps = JSON.parse(readFileSync(path.join(root, 'infra', 'dynamodb-table.json'), 'utf8'));

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
let resources: Record<string, Resource>;
let prod: Record<string, Resource>;

function packageStage(stage: string): Record<string, Resource> {
  const out = mkdtempSync(path.join(os.tmpdir(), `pioneer-package-${stage}-`));
  const work = `.esbuild/package-${stage}-${process.pid}`;
  try {
    const res = spawnSync(path.join(root, 'node_modules', '.bin', 'serverless'), ['package', '--stage', stage, '--package', out], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ESBUILD_WORK_FOLDER: work, SLS_TELEMETRY_DISABLED: '1' },
      timeout: 180_000,
    });
    if (res.status !== 0) throw new Error(`serverless package --stage ${stage} failed:\n${res.stdout}\n${res.stderr}`);
    return JSON.parse(readFileSync(path.join(out, 'cloudformation-template-update-stack.json'), 'utf8')).Resources;
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(path.join(root, work), { recursive: true, force: true });
  }
}

beforeAll(() => {
  resources = packageStage('staging');
  prod = packageStage('prod');
}, 400_000);

const ofType = (type: string) => Object.values(resources).filter((r) => r.Type === type);

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

  it('has a function for every route group', () => {
    const groups = new Set(Object.values(routes).map((r) => r.group));
    const names = ofType('AWS::Lambda::Function').map((f) => f.Properties.FunctionName);
    for (const g of groups) expect(names).toContain(`pioneer-station-staging-${g}`);
  });

  it('routes every route of the shared table (and a POST twin for each PATCH)', () => {
    const keys = ofType('AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey);
    for (const r of Object.values(routes)) {
      expect(keys).toContain(routeKey(r));
      if (r.method === 'PATCH') expect(keys).toContain(`POST ${r.path}`);
    }
  });

  it('reads secrets from SSM and grants no wildcard actions on the table', () => {
    const fn = ofType('AWS::Lambda::Function')[0];
    expect(fn.Properties.Environment.Variables).toMatchObject({ STAGE: 'staging', SECRETS_SSM_PATH: '/pioneer-station/staging', JWT_SECRET: '' });
    const statements = ofType('AWS::IAM::Role').flatMap((r) => r.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement));
    const dynamo = statements.filter((s: any) => s.Action.some((a: string) => a.startsWith('dynamodb:')));
    expect(dynamo.length).toBeGreaterThan(0);
    for (const s of dynamo) expect(s.Action).not.toContain('dynamodb:*');
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
});
