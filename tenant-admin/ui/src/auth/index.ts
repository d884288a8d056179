// The console's only contact with Keycloak (the shared keycloak-js sign-in). Everything else asks this module for
// a token or the user, so tests replace it with vi.mock('@/auth').
import { createKeycloakAuth, type KeycloakConfig } from '@campuspass/ui-shared/auth'

export type ConsoleConfig = KeycloakConfig

const CONFIG_URL = '/public/api/console-config?console=operator'

export async function loadConsoleConfig(): Promise<ConsoleConfig> {
  const response = await fetch(CONFIG_URL, { headers: { Accept: 'application/json' } })
  if (!response.ok) {
    throw new Error(`console-config: HTTP ${response.status}`)
  }
  return (await response.json()) as ConsoleConfig
}

const auth = createKeycloakAuth({ base: import.meta.env.BASE_URL, returnToKey: 'campuspass.operator.returnTo' })

/** The signed-in operator, reactive; null before initAuth() resolves. */
export const { session, initAuth, getToken, login, logout } = auth
