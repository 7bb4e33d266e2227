// @ts-check
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const PURE_MODEL =
  'The pure model (src/**/domain/**) decides time and cost and must stay framework-free and deterministic';

export default defineConfig(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'data/**'] },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // design.md: the domain imports no framework and never reads the wall clock or Math.random;
    // time and randomness are passed in, so the same inputs give the same bytes.
    files: ['src/**/domain/**/*.ts', 'src/sim/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'class-validator', 'class-validator/*', 'class-transformer', 'class-transformer/*'],
              message: `${PURE_MODEL}: keep Nest, TypeORM and validation decorators in application/, persistence/ or http/.`,
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: `${PURE_MODEL}: Date.now() reads the wall clock; take the time as an argument (simulated minutes or a clock passed in).`,
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: `${PURE_MODEL}: Date() reads the wall clock; take the time as an argument.`,
        },
        {
          selector: "NewExpression[callee.name='Date']",
          message: `${PURE_MODEL}: new Date() reads the wall clock or builds one at the edge; take the time as an argument.`,
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: `${PURE_MODEL}: Math.random() is unseeded; draw from a seeded random stream passed in.`,
        },
      ],
    },
  },
);
