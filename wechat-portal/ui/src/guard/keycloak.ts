// The guard page's only contact with Keycloak (the registrant pages never load it: the guard view is its own
// chunk). Gate guards sign in to their school's realm with account or phone + password on the realm's login page
// (authorization code + PKCE; school clients allow no password grant).
import Keycloak from 'keycloak-js'

export interface ConsoleConfig {
  keycloakUrl: string
  realm: string
  clientId: string
  schoolName?: string | null
}

export interface GuardUser {
  name: string
  username: string
}

/** Refresh when the access token has less than this many seconds left. */
const MIN_VALIDITY_SECONDS = 30

let keycloak: Keycloak | undefined
let keycloakSchool: string | undefined

export async function loadConsoleConfig(school: string): Promise<ConsoleConfig> {
  const response = await fetch(`/public/api/console-config?console=school&school=${encodeURIComponent(school)}`, {
    headers: { Accept: 'application/json' },
  })
  if (!response.ok) {
    let message = `console-config: HTTP ${response.status}`
    try {
      const body = (await response.json()) as { message?: unknown }
      if (typeof body.message === 'string' && body.message) message = body.message
    } catch {
      // keep the generic message
    }
    throw new Error(message)
  }
  return (await response.json()) as ConsoleConfig
}

/**
 * Signs the guard in to the school's realm (redirecting to its login page when there is no session) and resolves
 * with the user. keycloak-js comes back to this page with the code in the fragment and removes it with
 * history.replaceState (keeping the router's history state).
 */
export async function initGuardAuth(school: string, config: ConsoleConfig): Promise<GuardUser> {
  if (keycloak && keycloakSchool === school && keycloak.authenticated) return userOf(keycloak)
  const kc = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId })
  kc.onTokenExpired = () => {
    void kc.updateToken(MIN_VALIDITY_SECONDS).catch(() => kc.login())
  }
  keycloak = kc
  keycloakSchool = school
  const authenticated = await kc.init({
    onLoad: 'login-required',
    pkceMethod: 'S256',
    checkLoginIframe: false,
    responseMode: 'fragment',
    // The realm accepts exact redirect URIs only: this school's guard page, whatever else the address held.
    redirectUri: guardPageUrl(window.location.origin, school),
  })
  if (!authenticated) {
    await kc.login()
    throw new Error('not authenticated')
  }
  return userOf(kc)
}

/** A valid access token, refreshed when close to expiry; sends the guard to the login page when it is gone. */
export async function guardToken(): Promise<string> {
  const kc = requireKeycloak()
  try {
    await kc.updateToken(MIN_VALIDITY_SECONDS)
  } catch {
    await kc.login()
    throw new Error('not authenticated')
  }
  if (!kc.token) {
    await kc.login()
    throw new Error('not authenticated')
  }
  return kc.token
}

export async function guardLogin(): Promise<void> {
  await requireKeycloak().login()
}

export async function guardLogout(redirectUri: string): Promise<void> {
  await requireKeycloak().logout({ redirectUri })
}

/** The one address Keycloak sends a guard of this school back to (and the realm lists as a redirect URI). */
export function guardPageUrl(origin: string, school: string): string {
  return `${origin}/portal/${encodeURIComponent(school)}/guard`
}

function requireKeycloak(): Keycloak {
  if (!keycloak) throw new Error('initGuardAuth() has not run')
  return keycloak
}

function userOf(kc: Keycloak): GuardUser {
  const claims = (kc.tokenParsed ?? {}) as Record<string, unknown>
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined)
  const username = str(claims.preferred_username) ?? ''
  const name =
    str(claims.name) ?? ([str(claims.family_name), str(claims.given_name)].filter(Boolean).join('') || username)
  return { name, username }
}
