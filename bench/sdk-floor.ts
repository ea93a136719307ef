// A reference bundle for the cold-import table (bench/bundles.ts): bench/sdk-floor.entry.ts, built with the esbuild
// settings of serverless.yml (read from it, so the reference follows the functions), so the table can say how much
// of each function's import is the DynamoDB client that every one of them needs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import yaml from 'js-yaml';

const root = path.resolve(__dirname, '..');

// serverless.yml's CloudFormation short forms (!Ref, !GetAtt, …): kept as plain values, only `custom.esbuild` is read.
const cloudFormationTags = ['Ref', 'GetAtt', 'Sub', 'Join', 'If', 'Equals', 'Not', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Condition']
  .flatMap((tag) => (['scalar', 'sequence', 'mapping'] as const).map((kind) => new yaml.Type(`!${tag}`, { kind, construct: (data: unknown) => data })));
const schema = yaml.DEFAULT_SCHEMA.extend(cloudFormationTags);

interface EsbuildSettings {
  bundle: boolean;
  minify: boolean;
  mainFields: string[];
  target: string;
  platform: BuildOptions['platform'];
  alias: Record<string, string>;
  plugins: string;
}

/** The esbuild options the functions are bundled with (the ones that shape the code; packaging ones are left). */
function functionBuildOptions(file = path.join(root, 'serverless.yml')): BuildOptions {
  const doc = yaml.load(readFileSync(file, 'utf8'), { schema }) as { custom: { esbuild: EsbuildSettings } };
  const s = doc.custom.esbuild;
  return {
    bundle: s.bundle,
    minify: s.minify,
    mainFields: s.mainFields,
    target: s.target,
    platform: s.platform,
    format: 'cjs', // serverless-esbuild's default, which the functions use
    alias: Object.fromEntries(Object.entries(s.alias).map(([from, to]) => [from, to.startsWith('.') ? path.resolve(root, to) : to])),
    plugins: require(path.resolve(root, s.plugins)) as Plugin[],
    absWorkingDir: root,
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'silent',
  };
}

/** Builds the reference bundle into `outDir`; its path and size. */
export async function buildSdkFloor(outDir: string): Promise<{ file: string; bytes: number }> {
  const file = path.join(outDir, 'sdk-floor', 'handler.js');
  await build({ ...functionBuildOptions(), entryPoints: [path.join(__dirname, 'sdk-floor.entry.ts')], outfile: file });
  return { file, bytes: readFileSync(file).length };
}
