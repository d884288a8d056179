/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { existsSync } from 'node:fs'
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import { compression } from 'vite-plugin-compression2'

// Maven sets PORTAL_UI_OUT_DIR to ${project.build.outputDirectory}/static/portal so the bundle lands in the
// wechat-portal jar; a plain `npm run build` writes to ./dist.
const outDir = process.env.PORTAL_UI_OUT_DIR || 'dist'

// Where `npm run dev` forwards API calls (a locally running CampusPass app).
const backend = process.env.CAMPUSPASS_BACKEND || 'http://127.0.0.1:8080'

const vantDir = fileURLToPath(new URL('./node_modules/vant/es/', import.meta.url))

// Vant's `show*Toast` functions live in its toast component, `showDialog` in dialog, and so on.
function vantComponentOf(name: string): string {
  const fn = /^(?:show|close|set|reset)(\w*?)(Toast|Dialog|Notify|ImagePreview)$/.exec(name)
  const component = fn ? fn[2] : name
  return component.replace(/\B([A-Z])/g, '-$1').toLowerCase()
}

/**
 * Imports the stylesheet of each Vant component a module imports (`import { Button as VanButton } from 'vant'` gets
 * `import 'vant/es/button/style/index'`), so a page ships only the styles of the components it uses instead of
 * Vant's whole 198 KB sheet. Names without a style of their own (Locale, helpers) are skipped.
 */
function vantStyles(): Plugin {
  const importRE = /import\s*\{([^}]*)\}\s*from\s*['"]vant['"]/g
  return {
    name: 'campuspass:vant-styles',
    enforce: 'post',
    transform(code, id) {
      if (id.includes('/node_modules/') || !/\.(vue|ts)(\?|$)/.test(id) || !code.includes('vant')) return null
      const styles = new Set<string>()
      for (const match of code.matchAll(importRE)) {
        for (const specifier of match[1].split(',')) {
          const name = specifier
            .replace(/\s+as\s+.*/s, '')
            .replace(/^\s*type\s+/, '')
            .trim()
          if (!name) continue
          const component = vantComponentOf(name)
          if (existsSync(`${vantDir}${component}/style/index.mjs`)) styles.add(`vant/es/${component}/style/index`)
        }
      }
      if (styles.size === 0) return null
      return { code: [...styles].map((s) => `import '${s}'`).join('\n') + '\n' + code, map: null }
    },
  }
}

/**
 * Vant's icon font is inlined in its stylesheet as woff2, with a woff fallback on a CDN (at.alicdn.com). The pages'
 * Content-Security-Policy allows fonts from the app and data: only, and every browser in WeChat reads woff2, so the
 * CDN source is dropped rather than allowed.
 */
function vantIconFontWithoutCdn(): Plugin {
  const cdnSource = /,\s*url\(\/\/at\.alicdn\.com\/[^)]*\)\s*format\(["']woff["']\)/g
  return {
    name: 'campuspass:vant-icon-font-without-cdn',
    enforce: 'pre',
    transform(code, id) {
      if (!/[/\\]vant[/\\]es[/\\]icon[/\\]index\.css$/.test(id)) return null
      return { code: code.replace(cdnSource, ''), map: null }
    },
  }
}

export default defineConfig({
  base: '/portal/',
  // compression() writes .gz and .br beside each text asset; the server sends them as they are.
  plugins: [vue(), vantStyles(), vantIconFontWithoutCdn(), compression()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
    // @campuspass/ui-shared (the shared test helpers) is linked source without node_modules: its imports resolve here.
    dedupe: ['vue', 'vitest', '@vue/test-utils'],
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
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The Vant internals most pages share (utils, composables, popup, cell, icon, ...) in one chunk instead of
            // a dozen tiny ones, each a request with its own headers on the phone's first open; modules fewer pages
            // share stay with those pages (measured: 10 gives the smallest first open).
            { name: 'vant-core', test: /node_modules[\\/](?:vant|@vant)[\\/]/, minShareCount: 10 },
          ],
        },
      },
    },
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
