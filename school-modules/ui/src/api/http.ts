// The school console's client for /admin/api (the shared client: bearer token, UI language, {code, message,
// fields} errors, downloads).
import { createApiClient } from '@campuspass/ui-shared/http'
import { getToken, login } from '@/auth'
import { i18n } from '@/i18n'

export {
  ApiError,
  fieldErrorsOf,
  fileNameOf,
  queryString,
  type DownloadedFile,
  type FieldProblem,
  type Query,
  type RequestOptions,
} from '@campuspass/ui-shared/http'

/** Fixed by the server, independent of where the bundle itself is served from. */
export const API_BASE = '/admin/api'

export const { request, download, showError, errorMessage } = createApiClient({
  base: API_BASE,
  getToken: () => getToken(),
  login: () => login(),
  i18n: { t: (key, params) => i18n.global.t(key, params ?? {}), locale: () => i18n.global.locale.value },
})
