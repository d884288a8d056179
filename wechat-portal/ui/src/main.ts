import { createApp } from 'vue'
// Vant's base variables first, so styles.css can override them; each component's sheet comes with its import
// (see vantStyles in vite.config.ts).
import 'vant/es/style/base.css'
import './styles.css'
import App from './App.vue'
import { applyLocale, currentLocale, i18n } from './i18n'
import { createPortalRouter } from './router'

async function boot(): Promise<void> {
  await applyLocale(currentLocale())
  const app = createApp(App)
  app.use(i18n)
  app.use(createPortalRouter())
  app.mount('#app')
}

boot().catch((error: unknown) => {
  console.error(error)
  const root = document.getElementById('app')
  if (root) {
    const detail = error instanceof Error ? error.message : String(error)
    root.textContent = i18n.global.t('error.boot', { detail })
    root.className = 'boot-error'
  }
})
