/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Maven sets PORTAL_UI_OUT_DIR to ${project.build.outputDirectory}/static/portal so the bundle lands in the
// wechat-portal jar; a plain `npm run build` writes to ./dist.
const outDir = process.env.PORTAL_UI_OUT_DIR || 'dist'

// Where `npm run dev` forwards API calls (a locally running CampusPass app).
const backend = process.env.CAMPUSPASS_BACKEND || 'http://127.0.0.1:8080'

export default defineConfig({
  base: '/portal/',
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
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
    // WeChat's browser on Android is a recent Chromium (XWeb); iOS uses the system WebKit.
    target: ['es2020', 'safari14', 'chrome87'],
  },
  server: {
    proxy: {
      '^/portal/[^/]+/api/': backend,
      '/admin/api': backend,
      '/public/api': backend,
    },
  },
  preview: { port: 4174, strictPort: true },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.spec.ts'],
    setupFiles: ['tests/setup.ts'],
    css: false,
    testTimeout: 30_000,
    server: { deps: { inline: ['vant'] } },
    restoreMocks: true,
  },
})
