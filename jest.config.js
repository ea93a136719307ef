// Four projects: unit (no servers), api (real DynamoDB Local behind serverless-offline), e2e (Chromium on the H5
// build), weapp (the weapp build on WeChat's component framework in Node, one process per page: tests/weapp/harness). globalSetup starts the servers once per run and hands their URLs to workers through process.env.
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // middy is ESM-only.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose)/)'],
  // middy 7 exports only an `import` condition, which jest's CommonJS resolver does not match.
  moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/shared/$1', '^@middy/([\\w-]+)$': '<rootDir>/node_modules/@middy/$1/index.js' },
  setupFiles: ['<rootDir>/tests/setup/fresh-connections.ts'],
};

module.exports = {
  ...common,
  testTimeout: 90000,
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    { ...common, displayName: 'api', testMatch: ['<rootDir>/tests/api/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.e2e.test.ts'] },
    { ...common, displayName: 'weapp', testMatch: ['<rootDir>/tests/weapp/**/*.weapp.test.ts'] },
  ],
};
