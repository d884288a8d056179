// The lint rules of every CampusPass UI (the consoles, the portal and this package), run with `npm run lint`
// (ESLint, then Prettier's check) and by Maven in the verify phase, as Spotless checks the Java. Formatting is
// Prettier's alone: eslint-config-prettier turns off the rules it owns.
//
// The plugins are passed in by the UI's own eslint.config.js: this package has no node_modules of its own (it
// is linked, not installed), so it cannot import them itself.
export function campuspassEslintConfig({ defineConfig, js, tseslint, pluginVue, prettier }) {
  return defineConfig(
    { ignores: ['dist/', 'coverage/', 'node_modules/'] },
    js.configs.recommended,
    tseslint.configs.recommended,
    pluginVue.configs['flat/recommended'],
    {
      files: ['**/*.vue'],
      languageOptions: { parserOptions: { parser: tseslint.parser } },
    },
    {
      rules: {
        // vue-tsc type-checks every file, undefined names included; ESLint's own check knows no browser or Node
        // globals.
        'no-undef': 'off',
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      },
    },
    prettier,
  )
}
