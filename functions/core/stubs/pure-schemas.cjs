// Marks the module-level calls of shared/schemas and shared/routes as pure, so each function's bundle keeps only the
// schemas its routes reach. Those calls are `lazy(() => z.object(…))` (shared/schemas/lazy.ts, built on first use)
// and the route table's `route(…)`; unmarked, esbuild keeps every one a function's imports name, because it cannot
// tell they have no effect (zod's `@__NO_SIDE_EFFECTS__` it honours only within one file, evanw/esbuild#4369).
// Only calls in the initialisers of top-level `const`s are marked: code in function bodies runs when called, and a
// statement's call is there for its effect.
const { readFileSync } = require('node:fs');

const PURE = '/* @__PURE__ */ ';

/** `source` with every call in its top-level `const` initialisers (outside functions) marked pure. */
function markPureCalls(source, fileName = 'module.ts') {
  const ts = require('typescript');
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const at = new Set();
  const visit = (node) => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    // A chain such as `z.string().check(…)` starts where its receiver call starts: one mark covers both.
    if (ts.isCallExpression(node)) at.add(node.getStart(file));
    ts.forEachChild(node, visit);
  };
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) if (declaration.initializer) visit(declaration.initializer);
  }
  let out = source;
  for (const position of [...at].sort((a, b) => b - a)) out = out.slice(0, position) + PURE + out.slice(position);
  return out;
}

/** The esbuild plugin: TypeScript files matching `filter` are loaded with their schema calls marked pure. */
function pureSchemas({ filter }) {
  return {
    name: 'pure-schemas',
    setup(build) {
      build.onLoad({ filter }, (args) => ({ contents: markPureCalls(readFileSync(args.path, 'utf8'), args.path), loader: 'ts' }));
    },
  };
}

module.exports = { markPureCalls, pureSchemas };
