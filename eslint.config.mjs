// ESLint (flat config): JavaScript's and typescript-eslint's recommended rules over the engine,
// the components, the tests, the scripts and the benchmarks. Layout is Prettier's (.prettierrc.json);
// the one layout rule here is the line length Prettier cannot enforce (a long comment), at
// Prettier's print width. `npm run lint` runs it; `npm test` counts it as one check.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from './.prettierrc.json' with { type: 'json' };

// What the Node scripts (.mjs: the CLI, build, test and server plugins) use without importing.
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'URL', 'URLSearchParams', 'Buffer', 'performance', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'].map((name) => [
    name,
    'readonly',
  ]),
);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'bench/node_modules/', 'custom-elements.json', 'test-results/', '.cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Prettier breaks code at this width; strings, templates, regular expressions and URLs are
      // not broken (a message reads whole), so only what is left (comments) is checked here. A JSDoc
      // tag of a component (@attr, @fires…) stays one line: the custom-elements manifest reads it.
      'max-len': [
        'error',
        {
          code: prettier.printWidth,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreUrls: true,
          ignorePattern: String.raw`^\s*\* @(attr|prop|fires|slot|csspart|cssprop|cssproperty) `,
        },
      ],
      // Chai's property assertions (expect(x).to.be.empty) and a comma sequence (h.undo(), undos++) are meant.
      '@typescript-eslint/no-unused-expressions': 'off',
      // A budget pool makes itself the current one while it runs (src/formula/budget.ts): meant.
      '@typescript-eslint/no-this-alias': 'off',
      // Control characters in a regular expression are what the URL and text checks look for.
      'no-control-regex': 'off',
      // An unused name starting with "_" is a parameter a signature requires.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // TypeScript itself reports undefined names, knowing the DOM and Node types (typescript-eslint's advice).
    files: ['**/*.ts', '**/*.mts'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: nodeGlobals },
  },
);
