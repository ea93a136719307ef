// The route table is split by function group (`shared/routes/<group>.ts`) so that each function's bundle carries only
// its own routes' schemas; `shared/routes.ts` combines the groups for everything else.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { routes, type RouteDef, type RouteTable } from '@shared/routes';
import { reachableFiles } from './dynamo-usage';

const root = path.resolve(__dirname, '..', '..');
const groups = [...new Set(Object.values(routes).map((r) => r.group))].sort();
const relative = (files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join('/')).sort();

describe('the route table', () => {
  it('is the union of one file per group, each holding only its own routes, none shadowed', () => {
    const files = readdirSync(path.join(root, 'shared', 'routes')).filter((f) => f !== 'define.ts');
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(groups);
    let count = 0;
    for (const group of groups) {
      const tables = Object.values(require(`../../shared/routes/${group}`) as Record<string, RouteTable>);
      expect(tables).toHaveLength(1);
      for (const [name, route] of Object.entries(tables[0]) as [string, RouteDef][]) {
        expect({ name, group: route.group }).toEqual({ name, group });
        expect((routes as Record<string, RouteDef>)[name]).toBe(route);
        count++;
      }
    }
    expect(Object.keys(routes)).toHaveLength(count);
  });
});

describe('a function handler', () => {
  it("imports its own group's routes and no other group's, nor the combined table", () => {
    expect(groups.length).toBeGreaterThan(10);
    for (const group of groups) {
      const routeFiles = relative(reachableFiles(`functions/${group}/handler.ts`)).filter((f) => f.startsWith('shared/routes'));
      expect({ group, routeFiles }).toEqual({ group, routeFiles: ['shared/routes/define.ts', `shared/routes/${group}.ts`].sort() });
    }
  });

  it('so loads only the schema modules its routes and its code use', () => {
    // lazy.ts is how every schema module declares its schemas, not one of them.
    const schemasOf = (group: string) =>
      relative(reachableFiles(`functions/${group}/handler.ts`)).filter((f) => f.startsWith('shared/schemas/') && f !== 'shared/schemas/lazy.ts');
    expect(schemasOf('health')).toEqual(['shared/schemas/common.ts', 'shared/schemas/people.ts']);
    // The org tree, its administration and the audit reader.
    expect(schemasOf('orgs')).toEqual(['shared/schemas/audit.ts', 'shared/schemas/common.ts', 'shared/schemas/orgs.ts']);
    expect(schemasOf('auth')).toEqual(['shared/schemas/common.ts', 'shared/schemas/people.ts']);
    // Erasing an account touches bookings and concerns, but needs only their rules (shared/rules/), not their schemas.
    expect(schemasOf('me')).toEqual(['shared/schemas/common.ts', 'shared/schemas/notify.ts', 'shared/schemas/people.ts']);
  });
});
