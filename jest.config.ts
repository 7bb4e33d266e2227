import type { Config } from 'jest';

// Transpile-only ts-jest: type errors are caught by `npm run lint` (tsc --noEmit) and `npm run build`,
// so tests do not pay for type checking on every run.
const transform: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true }, diagnostics: false }],
  // content-disposition 3 (under @fastify/static, which serves Swagger UI) ships ES modules only, and
  // Jest on Node < 24.9 cannot require() them; it is compiled to CommonJS for the tests.
  '/node_modules/content-disposition/.+\\.js$': ['ts-jest', { tsconfig: { isolatedModules: true, allowJs: true }, diagnostics: false }],
};

const common: Config = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform,
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
};

const config: Config = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};

export default config;
