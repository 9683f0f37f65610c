// Lint: typescript-eslint with type information (no floating promises), Svelte rules, and the
// architecture's import boundaries as rules with helpful messages.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const uiBoundary = {
  patterns: [
    {
      group: ['yjs', 'y-*', 'dexie', '$lib/persistence/*', '$lib/sync/*'],
      message:
        'UI code reads state through src/lib/state controllers; only lib/doc knows Yjs (ARCHITECTURE.md).'
    }
  ]
};

export default ts.config(
  {
    ignores: [
      'build/',
      '.svelte-kit/',
      'node_modules/',
      'data/',
      'tests/fixtures/',
      'test-results/',
      'sync-server/dist/',
      'src/lib/paraglide/',
      'project.inlang/'
    ]
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte']
      }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
  },
  {
    files: ['**/*.js'],
    ...ts.configs.disableTypeChecked
  },
  { files: ['src/routes/**', 'src/lib/ui/**'], rules: { 'no-restricted-imports': ['error', uiBoundary] } },
  {
    files: ['src/lib/model/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['yjs', 'y-*', 'dexie', 'svelte', 'svelte/*'],
              message: 'lib/model is plain TypeScript.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['sync-server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // Any path into src/lib ($lib or relative) except exactly src/lib/model/policy(.ts) and wire(.ts).
              regex: '^(\\$lib|(.*/)?src/lib)(/(?!model/(policy|wire)(\\.ts)?$).*)?$',
              message:
                'The relay never reads board content: of the app it may import only src/lib/model/policy.ts (the lock key names) and wire.ts (message types).'
            }
          ]
        }
      ]
    }
  }
);
