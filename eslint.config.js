// Type-aware lint with the layer rules of STYLE.md enforced as import restrictions.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, forbidden, message, allowTypeImports = false) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((group) => ({
          group: Array.isArray(group) ? group : [group],
          message,
          allowTypeImports,
        })),
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'web/dist',
      'artifacts',
      'bench/results',
      'tools/matcher-lab/scratch',
      'test/fixtures',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // node:test's test/describe return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='exit']",
          message: 'process.exit belongs in src/cli/entry.ts only.',
        },
      ],
    },
  },
  layer(
    ['src/core/**'],
    [
      '**/app/**',
      '**/storage/**',
      '**/cli/**',
      '**/http/**',
      '**/importers/**',
      '**/formats/**',
      '**/matching/**',
      'node:*',
      'kysely',
      'better-sqlite3',
      'pg',
    ],
    'core is pure: it imports nothing outside core.',
  ),
  layer(
    ['src/storage/**', 'src/matching/**'],
    ['**/app/**', '**/cli/**', '**/http/**'],
    'storage and matching import core types only.',
  ),
  layer(
    ['src/formats/**', 'src/importers/**'],
    ['**/app/**', '**/cli/**', '**/http/**', '**/storage/**', '**/matching/**'],
    'formats and importers turn files into records and back: they import core (and each other), never the database, the matcher, app or a transport.',
  ),
  layer(['src/cli/**', 'src/http/**'], ['**/storage/**'], 'cli and http go through app, never storage.'),
  layer(
    ['web/src/**'],
    [
      '**/src/app/**',
      '**/src/storage/**',
      '**/src/cli/**',
      '**/src/http/**',
      '**/src/matching/**',
      '**/src/importers/**',
      '**/src/formats/**',
      // The core's vocabularies are plain `as const` lists: the one runtime module web shares.
      ['**/src/core/**', '!**/src/core/vocabulary.js'],
    ],
    'web talks to the API only: it may share types (type-only imports), never runtime code (but the vocabularies).',
    true,
  ),
  // The matcher is used through its entry only (src/matching/index.ts); its engine, data and
  // generated files stay private. Its own unit tests (test/matching) and the generators and
  // laboratory in tools/ work on the internals. A separate rule from the layer rules above, so
  // both apply to the same files.
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs', '**/*.js'],
    ignores: ['src/matching/**', 'test/matching/**', 'tools/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/src/matching/**',
                '!**/src/matching/index.js',
                '../matching/**',
                '!../matching/index.js',
                '../../matching/**',
                '!../../matching/index.js',
                '../../../matching/**',
                '!../../../matching/index.js',
              ],
              message: 'Import the matcher through its entry, src/matching/index.ts, only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/main.ts', 'src/cli/entry.ts', 'scripts/**', 'bench/**', 'test/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
  },
);
