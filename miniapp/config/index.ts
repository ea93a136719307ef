import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

// `taro build --type h5|weapp` sets TARO_ENV before this file is read.
const platform = process.env.TARO_ENV ?? 'weapp';
const repoRoot = path.resolve(__dirname, '..', '..');
const sharedDir = path.resolve(repoRoot, 'shared');

// Taro only inlines `TARO_APP_*` values from .env files; shell variables are passed through `env` here.
const apiBase = process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3100/v1';
const stage = process.env.TARO_APP_STAGE ?? 'local';
// The generated dist/weapp/project.config.json takes its appid from TARO_APP_ID.
process.env.TARO_APP_ID = process.env.TARO_APP_ID || process.env.WECHAT_APPID || 'touristappid';

/** NutUI is drawn for a 375 px wide design; our own styles use 750. */
function designWidth(input?: unknown): number {
  const file = (input as { file?: unknown } | undefined)?.file;
  return typeof file === 'string' && file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'pioneer-station',
    date: '2025-1-1',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // TARO_OUTPUT_ROOT lets scripts build into a fresh folder and swap it in whole (see scripts/lib/h5-build.ts).
    outputRoot: process.env.TARO_OUTPUT_ROOT ?? `dist/${platform}`,
    plugins: [],
    defineConstants: {},
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase),
      TARO_APP_STAGE: JSON.stringify(stage),
    },
    alias: {
      '@shared': sharedDir,
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // Page CSS order does not matter (no cross-page cascade); without this the extract step warns.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      // Files outside src/ (the shared schemas and route table) need the same TypeScript/Babel pass.
      compile: { include: [sharedDir] },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      // Files outside src/ (the shared schemas and route table) need the same TypeScript/Babel pass.
      compile: { include: [sharedDir] },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
