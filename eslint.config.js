import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '**/*.tmp.*'] },
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
);
