// Lint rules: the ones every CampusPass UI shares (@campuspass/ui-shared/eslint), with this UI's plugins.
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import pluginVue from 'eslint-plugin-vue'
import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'
import { campuspassEslintConfig } from '@campuspass/ui-shared/eslint'

export default campuspassEslintConfig({ defineConfig, js, tseslint, pluginVue, prettier })
