import { createApp } from 'vue'
// Component stylesheets come with each component's import (unplugin-element-plus); the base variables load first,
// and v-loading, a directive the plugin does not see, gets its sheet here.
import 'element-plus/es/components/base/style/css'
import 'element-plus/es/components/loading/style/css'
import '@campuspass/ui-shared/styles.css'
import App from './App.vue'
import SchoolCodeView from './views/SchoolCodeView.vue'
import { SchoolNotFoundError, initAuth, loadConsoleConfig } from './auth'
import { i18n } from './i18n'
import { createConsoleRouter } from './router'
import { forgetSchoolCode, resolveSchoolCode, withoutSchoolParam } from './school'
import { loadStaff } from './staff'

async function boot(): Promise<void> {
  document.documentElement.lang = i18n.global.locale.value
  const school = resolveSchoolCode(window.location.search)
  if (!school) {
    askForSchool()
    return
  }
  // Drop ?school= before keycloak-js records where to come back to: the code is remembered already.
  window.history.replaceState(window.history.state, '', withoutSchoolParam(window.location.href))
  let config
  try {
    config = await loadConsoleConfig(school)
  } catch (error) {
    if (!(error instanceof SchoolNotFoundError)) throw error
    forgetSchoolCode()
    askForSchool(error.message)
    return
  }
  // Sign in first: the router must only see the URL after keycloak-js has removed ?code=&state=.
  await initAuth(config)
  await loadStaff()
  const app = createApp(App)
  app.use(i18n)
  app.use(createConsoleRouter())
  app.mount('#app')
}

function askForSchool(problem?: string): void {
  createApp(SchoolCodeView, { problem }).use(i18n).mount('#app')
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
