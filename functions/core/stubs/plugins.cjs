// esbuild plugins of the shipped bundles (serverless.yml's esbuild `plugins`); plain CommonJS because serverless-esbuild
// `require`s this file. The `alias` entries there swap whole packages; this swaps files that a package imports by
// relative path, which an alias cannot reach.
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { pureSchemas } = require('./pure-schemas.cjs');

/** Export names of an ES module: `export const|let|var|function|class NAME` and `export { a, b as c }` (no `from`). */
function exportNames(source) {
  const names = [...source.matchAll(/^export (?:const|let|var|function\*?|async function|class) ([\w$]+)/gm)].map((m) => m[1]);
  for (const [, list] of source.matchAll(/^export \{([^}]*)\};?\s*$/gm)) {
    for (const part of list.split(',')) if (part.trim()) names.push(part.trim().split(/\s+as\s+/).pop());
  }
  return names;
}

/**
 * Replaces each file matching `filter` by a module with the same export names, each one a function that throws when
 * called (`factories`: one that returns such a function). Names in `keep` are re-exported from the real file, which
 * esbuild then tree-shakes down to them.
 */
function stubFiles({ name, filter, keep = [], factories = [], message }) {
  return {
    name,
    setup(build) {
      build.onLoad({ filter }, (args) => {
        if (args.suffix === '?real') return undefined; // the real file, for `keep`
        const names = exportNames(readFileSync(args.path, 'utf8'));
        const real = JSON.stringify(`${args.path}?real`);
        const lines = [`const unbundled = () => { throw new Error(${JSON.stringify(message)}); };`];
        for (const n of names) {
          if (keep.includes(n)) lines.push(`export { ${n} } from ${real};`);
          else lines.push(`export const ${n} = ${factories.includes(n) ? '() => unbundled' : 'unbundled'};`);
        }
        return { contents: lines.join('\n'), loader: 'js', resolveDir: require('node:path').dirname(args.path) };
      });
    },
  };
}

/**
 * Replaces whole files matching `filter` by `contents` (a module written for the purpose), resolved from the file's
 * own folder so its relative imports still work.
 */
function replaceFiles({ name, filter, contents }) {
  return {
    name,
    setup(build) {
      build.onLoad({ filter }, (args) => ({ contents, loader: 'js', resolveDir: require('node:path').dirname(args.path) }));
    },
  };
}

/**
 * Resolves `from` to the package entry `to` when imported by a file matching `importer` (other importers keep the
 * package's own resolution for this platform).
 */
function redirectImport({ name, from, importer, to }) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter: from }, (args) => {
        if (!importer.test(args.importer)) return undefined;
        return build.resolve(to, { kind: args.kind, resolveDir: args.resolveDir });
      });
    },
  };
}

/**
 * Builds the module that `importer` loads with `await import()` of a path matching `specifier` as a file of its own
 * next to the function's bundle, `<bundle>.<chunk>.js`, instead of inside it: V8 compiles a bundle whole at every
 * cold start, so code that only some routes reach costs the others nothing only if it is not in the bundle.
 * serverless-esbuild puts the file in this function's zip alone (a file named after another function's bundle is left
 * out of that function's zip). The chunk is built with the same options and plugins; it has its own copy of what it
 * imports (core/errors.ts marks its errors for that).
 */
function splitDynamicImport({ name, importer, specifier, chunk }) {
  return {
    name,
    setup(build) {
      let entry;
      const [main] = build.initialOptions.entryPoints;
      const file = `./${path.basename(main, path.extname(main))}.${chunk}.js`;
      build.onResolve({ filter: specifier }, async (args) => {
        if (args.kind !== 'dynamic-import' || !importer.test(args.importer)) return undefined;
        const resolved = await build.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir });
        if (resolved.errors.length) return { errors: resolved.errors };
        entry = resolved.path;
        return { path: file, namespace: name };
      });
      // The import becomes a `require` of the chunk when first awaited: node loads a CommonJS file without starting
      // its ES module loader, which a real `import()` would.
      build.onLoad({ filter: /.*/, namespace: name }, () => ({ contents: `module.exports = require(${JSON.stringify(file)});`, loader: 'js' }));
      build.onResolve({ filter: /.*/, namespace: name }, (args) => ({ path: args.path, external: true }));
      build.onEnd(async (result) => {
        if (!entry || result.errors.length) return;
        const { entryPoints, outdir, plugins = [], ...options } = build.initialOptions;
        await build.esbuild.build({
          ...options,
          entryPoints: [entry],
          outfile: path.join(outdir, file),
          plugins: plugins.filter((p) => p.name !== name),
        });
      });
    },
  };
}

module.exports = [
  // The route table and the schemas it is built from (shared/): only what the function's routes reach is kept.
  pureSchemas({ filter: /[\\/]shared[\\/](schemas|routes)[\\/][^\\/]+\.ts$/ }),
  // The SDK's shared config files (~/.aws/config and credentials): a Lambda function has none, and the local stage
  // sets everything through the environment (so a developer's own profile can't change what the tests see). Every
  // setting the SDK looks up there falls back to its default, as when the files are missing. Leaving the reader out
  // spares each cold start node:fs/promises, which loads readline with it (≈ 4 ms), and the INI parser.
  replaceFiles({
    name: 'no-shared-config-files',
    filter: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]config[\\/]shared-ini-file-loader[\\/]loadSharedConfigFiles\.js$/,
    contents: [
      'export { CONFIG_PREFIX_SEPARATOR } from "./constants";',
      'export const loadSharedConfigFiles = async () => ({ configFile: {}, credentialsFile: {} });',
    ].join('\n'),
  }),
  // write-excel-file zips through fflate, which builds its Huffman tables in JavaScript as it is imported (≈ 5 ms of
  // the exports function's cold start; its Node build also loads node:worker_threads) and deflates in JavaScript. It
  // gets core/spreadsheet-zip.ts instead: the same streaming API on node:zlib. read-excel-file keeps fflate (imports
  // loads the readers only when a file is read, and its async `unzip` may inflate in a worker).
  redirectImport({
    name: 'spreadsheet-zip',
    from: /^fflate$/,
    importer: /[\\/]write-excel-file[\\/]/,
    to: path.join(__dirname, '..', 'spreadsheet-zip.ts'),
  }),
  // zod's JSON Schema generation (≈ 16 KiB): the functions only parse; docs/openapi.json is generated from the sources,
  // not the bundles. The shared schemas are zod/mini, whose types don't refer to it (tree-shaken); every classic type
  // does, so this keeps it out should a classic `zod` import come back. `aggregateChecks` stays real: classic getters
  // such as `.minLength` and `.format` read it.
  stubFiles({
    name: 'zod-json-schema',
    filter: /[\\/]zod[\\/]v4[\\/]core[\\/](json-schema-processors|to-json-schema)\.js$/,
    keep: ['aggregateChecks'],
    factories: ['createToJSONSchemaMethod', 'createStandardJSONSchemaMethod'],
    message: 'zod JSON Schema generation is not bundled (functions/core/stubs/plugins.cjs)',
  }),
  // The imports function's file readers (csv-parse, read-excel-file, fflate, write-excel-file for the template: about
  // 150 KiB): only reading a file or getting the template loads them; running or polling an import does not.
  splitDynamicImport({
    name: 'imports-sheets-chunk',
    importer: /[\\/]functions[\\/]imports[\\/]imports\.service\.ts$/,
    specifier: /^\.\/sheets$/,
    chunk: 'sheets',
  }),
];
