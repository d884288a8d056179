// The staff portal's admin API calls, with the staff member's bearer token. A minimal stand-in: the staff portal
// shell (sign-in, tab bar) replaces this module with its own staffGet of the same signature.
import { readJson, toApiError } from '@/api/errors'
import { currentLocale } from '@/i18n'
import { guardToken, initGuardAuth, loadConsoleConfig } from '@/guard/keycloak'

async function token(): Promise<string> {
  try {
    return await guardToken()
  } catch (e) {
    // Not signed in on this page yet: the realm's login page (it comes back to the guard page, the only portal
    // address the realm lists until the shell brings its own).
    const school = window.location.pathname.split('/').filter(Boolean)[1]
    if (!school) throw e
    await initGuardAuth(school, await loadConsoleConfig(school))
    return guardToken()
  }
}

/** GET /admin/api + path with the query parameters that are set. */
export async function staffGet<T>(path: string, params?: Record<string, string | number | undefined>): Promise<T> {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined && value !== '') query.set(key, String(value))
  }
  const qs = query.toString()
  const response = await fetch('/admin/api' + path + (qs ? `?${qs}` : ''), {
    headers: {
      Accept: 'application/json',
      'Accept-Language': currentLocale() === 'en' ? 'en' : 'zh-CN',
      Authorization: `Bearer ${await token()}`,
    },
  })
  if (!response.ok) throw await toApiError(response)
  return readJson<T>(response)
}
