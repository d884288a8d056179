// The console's only contact with Keycloak (the shared keycloak-js sign-in). Everything else asks this module for
// a token or the user, so tests replace it with vi.mock('@/auth').
import { reactive, readonly, ref, toRef } from 'vue'
import { createKeycloakAuth, type KeycloakConfig } from '@campuspass/ui-shared/auth'

export { isKeycloakCallback, type ActionStatus, type SignedInUser as StaffUser } from '@campuspass/ui-shared/auth'

export interface ConsoleConfig extends KeycloakConfig {
  schoolName: string | null
}

export class SchoolNotFoundError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'SchoolNotFoundError'
  }
}

export async function loadConsoleConfig(school: string): Promise<ConsoleConfig> {
  const url = `/public/api/console-config?console=school&school=${encodeURIComponent(school)}`
  const response = await fetch(url, { headers: { Accept: 'application/json' } })
  if (response.status === 400 || response.status === 404) {
    const body = (await response.json().catch(() => ({}))) as { message?: string }
    throw new SchoolNotFoundError(response.status, body.message ?? `HTTP ${response.status}`)
  }
  if (!response.ok) throw new Error(`console-config: HTTP ${response.status}`)
  return (await response.json()) as ConsoleConfig
}

/** Where the app serves this console (vite's `base`), and the realm's redirect URI for it. */
const auth = createKeycloakAuth({ base: '/admin/', returnToKey: 'campuspass.console.returnTo' })
const schoolName = ref<string | null>(null)

/** The signed-in staff member as the token says, and the school's name, reactive; null before initAuth(). */
export const session = readonly(
  reactive({
    user: toRef(auth.session, 'user'),
    passwordAction: toRef(auth.session, 'passwordAction'),
    schoolName,
  }),
)

/** Signs the staff member in (the school realm's login page takes account or phone + password). */
export async function initAuth(config: ConsoleConfig): Promise<void> {
  schoolName.value = config.schoolName
  await auth.initAuth(config)
}

export const { getToken, login, logout, changePassword, takePasswordAction, rememberPlace, returnToRememberedPlace } =
  auth
