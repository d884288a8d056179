/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { defineConfig, searchForWorkspaceRoot, type PluginOption } from 'vite'
import vue from '@vitejs/plugin-vue'
import ElementPlus from 'unplugin-element-plus/vite'
import { compression } from 'vite-plugin-compression2'
import { mockBackend } from './dev/mock-backend.ts'

const SHARED_DEPENDENCIES = [
  'vue',
  'vue-i18n',
  'vue-router',
  'element-plus',
  '@element-plus/icons-vue',
  'keycloak-js',
  'vitest',
  '@vue/test-utils',
]

// Maven sets OPERATOR_UI_OUT_DIR to ${project.build.outputDirectory}/static/operator so the bundle lands in
// the tenant-admin jar; a plain `npm run build` writes to ./dist.
const outDir = process.env.OPERATOR_UI_OUT_DIR || 'dist'

// Where `npm run dev` forwards API calls (a locally running CampusPass app).
const backend = process.env.CAMPUSPASS_BACKEND || 'http://127.0.0.1:8080'

// OPERATOR_UI_MOCK=1 serves a fake API and a fake OIDC provider from the dev/preview server, for looking at
// the console without the backend and Keycloak. It never takes part in `vite build`.
const useMock = process.env.OPERATOR_UI_MOCK === '1'

export default defineConfig(({ command }) => ({
  base: '/operator/',
  // unplugin-element-plus adds, for every `import { ElButton } from 'element-plus'`, an import of that component's
  // stylesheet, so only the styles of the components in use are shipped (not the whole 350 KB Element Plus sheet).
  // compression() writes .gz and .br beside each text asset; the server sends them as they are.
  plugins: [
    vue(),
    ElementPlus({}),
    compression(),
    ...(useMock && command === 'serve' ? [mockBackend() as PluginOption] : []),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
    // @campuspass/ui-shared is linked source without node_modules of its own: its imports resolve here, one copy.
    dedupe: SHARED_DEPENDENCIES,
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
  },
  build: {
    outDir,
    emptyOutDir: true,
  },
  server: {
    fs: { allow: [searchForWorkspaceRoot(process.cwd()), fileURLToPath(new URL('../../ui-shared', import.meta.url))] },
    proxy: useMock
      ? undefined
      : {
          '/operator/api': backend,
          '/public/api': backend,
        },
  },
  preview: { port: 4173, strictPort: true },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.spec.ts'],
    setupFiles: ['tests/setup.ts'],
    css: false,
    // Mounting Element Plus forms is slow on a busy 2-core build machine.
    testTimeout: 30_000,
    // Run Element Plus through Vite: loaded by Node directly, its `import AsyncValidator from 'async-validator'`
    // gets the CommonJS exports object instead of the class, and every form validation silently passes.
    server: { deps: { inline: ['element-plus'] } },
    restoreMocks: true,
  },
}))
