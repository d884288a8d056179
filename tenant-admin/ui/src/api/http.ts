// The operator console's client for /operator/api (the shared client: bearer token, {code, message} errors).
import { createApiClient } from '@campuspass/ui-shared/http'
import { getToken, login } from '@/auth'
import { i18n } from '@/i18n'

export { ApiError, type RequestOptions } from '@campuspass/ui-shared/http'

/** Fixed by the server, independent of where the bundle itself is served from. */
export const API_BASE = '/operator/api'

export const { request, showError, errorMessage } = createApiClient({
  base: API_BASE,
  getToken: () => getToken(),
  login: () => login(),
  i18n: { t: (key, params) => i18n.global.t(key, params ?? {}), locale: () => i18n.global.locale.value },
})
