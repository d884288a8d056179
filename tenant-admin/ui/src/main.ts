import { createApp } from 'vue'
// Component stylesheets come with each component's import (unplugin-element-plus); the base variables load first,
// and v-loading, a directive the plugin does not see, gets its sheet here.
import 'element-plus/es/components/base/style/css'
import 'element-plus/es/components/loading/style/css'
import '@campuspass/ui-shared/styles.css'
import App from './App.vue'
import { initAuth, loadConsoleConfig } from './auth'
import { i18n } from './i18n'
import { createConsoleRouter } from './router'

async function boot(): Promise<void> {
  document.documentElement.lang = i18n.global.locale.value
  // Sign in first: the router must only see the URL after keycloak-js has removed ?code=&state=.
  await initAuth(await loadConsoleConfig())
  const app = createApp(App)
  app.use(i18n)
  app.use(createConsoleRouter())
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
