import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/node_modules/**', 'data/**', 'coverage/**', '**/*.tmp.*', 'web/src/api/schema.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  { files: ['bench/**', 'src/cli/**', 'test/**'], rules: { 'no-console': 'off' } },
  // Tests read JSON answers whose shape is what they assert.
  { files: ['test/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // The portal: React's rules of hooks (and the React Compiler's checks that come with them).
  { files: ['web/src/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
);
