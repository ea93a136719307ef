// Which DynamoDB actions a function's code can perform: follows its handler's imports through our own sources and
// collects the DynamoDB commands (and the item kinds inside transactions) those files use. An over-approximation at
// file granularity, which is the safe side for "does the role allow what the code does".
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

const COMMAND_ACTIONS: Record<string, string[]> = {
  GetCommand: ['dynamodb:GetItem'],
  PutCommand: ['dynamodb:PutItem'],
  UpdateCommand: ['dynamodb:UpdateItem'],
  DeleteCommand: ['dynamodb:DeleteItem'],
  QueryCommand: ['dynamodb:Query'],
  ScanCommand: ['dynamodb:Scan'],
  BatchGetCommand: ['dynamodb:BatchGetItem'],
  BatchWriteCommand: ['dynamodb:BatchWriteItem'],
  TransactGetCommand: ['dynamodb:GetItem'],
  DescribeTableCommand: ['dynamodb:DescribeTable'],
};

// TransactWriteItems is authorised per item: each Put/Update/Delete/ConditionCheck needs its own action.
const TRANSACT_ITEM_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

function resolve(from: string, spec: string): string | undefined {
  let base: string;
  if (spec.startsWith('.')) base = path.resolve(path.dirname(from), spec);
  else if (spec.startsWith('@shared/')) base = path.join(root, 'shared', spec.slice('@shared/'.length));
  else return undefined; // a package, not our code
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  }
  return undefined;
}

/** The source files a handler can reach, itself included (type-only imports left out: they emit no code). */
export function reachableFiles(entry: string): string[] {
  const seen = new Set<string>();
  const queue = [path.resolve(root, entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    const specs = [
      ...[...src.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^'";]*?from\s+'([^']+)'/gms)].map((m) => m[1]),
      ...[...src.matchAll(/^\s*import\s+'([^']+)'/gm)].map((m) => m[1]),
      ...[...src.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]),
    ];
    for (const spec of specs) {
      const next = resolve(file, spec);
      if (next) queue.push(next);
    }
  }
  return [...seen];
}

/** DynamoDB actions the code reachable from `entry` may call on our table. */
export function dynamoActions(entry: string): string[] {
  const actions = new Set<string>();
  const itemKinds = new Set<string>();
  for (const file of reachableFiles(entry)) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/^\s*import\s+(?!type\s)\{([^}]*)\}\s+from\s+'@aws-sdk\/(?:lib|client)-dynamodb'/gms)) {
      for (const raw of m[1].split(',')) {
        const name = raw.trim();
        if (name.startsWith('type ')) continue;
        if (name === 'TransactWriteCommand') actions.add('transact');
        for (const a of COMMAND_ACTIONS[name] ?? []) actions.add(a);
      }
    }
    // Transaction items are built in repositories and services, often away from the file that sends them.
    for (const m of src.matchAll(/\b(Put|Update|Delete|ConditionCheck)\s*:\s*\{/g)) itemKinds.add(TRANSACT_ITEM_ACTIONS[m[1]]);
  }
  if (actions.delete('transact')) for (const a of itemKinds) actions.add(a);
  return [...actions].sort();
}
