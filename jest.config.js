// Unit specs sit beside the code; end-to-end specs under each app's test/ start the real services
// (built into dist/ by `npm test`) against the real Redis and database.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false }, target: 'es2022', keepClassNames: true } }];
// openid-client (the relying party of the OpenID Connect e2e) and its dependencies are ESM-only: compiled to CommonJS for jest.
const ESM_ONLY = ['openid-client', 'oauth4webapi', 'jose'];
const swcEsm = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
const common = {
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
  transform: { '^.+\\.ts$': swc, [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: swcEsm },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@app/common$': '<rootDir>/libs/common/src', '^@app/common/(.*)$': '<rootDir>/libs/common/src/$1' },
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/apps/*/src/**/*.spec.ts', '<rootDir>/libs/*/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/apps/*/test/**/*.e2e-spec.ts'],
      slowTestThreshold: 60,
    },
    // The sessions, tokens, throttle, admin and OpenID Connect suites again, each system on a Redis Cluster
    // of its own with PostgreSQL and NATS (test/support/cluster-system.ts stands in for test/support/system.ts).
    {
      ...common,
      displayName: 'e2e-redis-cluster',
      testMatch: ['sessions', 'tokens', 'throttle', 'admin', 'oidc', 'oidc-sessions'].map((suite) => `<rootDir>/apps/gateway/test/${suite}.e2e-spec.ts`),
      moduleNameMapper: { ...common.moduleNameMapper, '^(\\.\\./)+test/support/system$': '<rootDir>/test/support/cluster-system.ts' },
      slowTestThreshold: 60,
    },
  ],
};
