// The portal's only contact with Keycloak, shared by the staff pages: the gate guard page and the staff portal
// (S1). Registrant pages never load it (each staff page is its own chunk). Staff sign in to their school's realm
// with account or phone + password on the realm's login page (authorization code + PKCE; school clients allow no
// password grant). The realm accepts exact redirect URIs only, so each staff surface comes back to one fixed page of
// its own (`staffPageUrl`), which tenant-admin's SchoolRealmDefinition lists for every school.
import Keycloak from 'keycloak-js'

export interface ConsoleConfig {
  keycloakUrl: string
  realm: string
  clientId: string
  schoolName?: string | null
}

export interface StaffUser {
  name: string
  username: string
}

/** @deprecated the guard page's name for {@link StaffUser} */
export type GuardUser = StaffUser

/** The staff surfaces of the portal, each with its one redirect URI. */
export type StaffPage = 'guard' | 'staff'

export interface StaffAuthOptions {
  /** Prefills the login page's account field (the account bound to this WeChat, remembered on the phone). */
  loginHint?: string
  /**
   * Called instead of going to the login page when there is no session; returns whether it took the browser
   * elsewhere (the staff portal's WeChat sign-in, S1). When it returns false the login page opens as usual.
   */
  signInElsewhere?: () => boolean
}

/** Refresh when the access token has less than this many seconds left. */
const MIN_VALIDITY_SECONDS = 30

let keycloak: Keycloak | undefined
let keycloakKey: string | undefined

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
 * Signs a staff member in to the school's realm (redirecting to its login page when there is no session) and
 * resolves with the user. keycloak-js comes back to the page's one redirect URI with the code in the fragment and
 * removes it with history.replaceState (keeping the router's history state).
 */
export async function initStaffAuth(
  school: string,
  config: ConsoleConfig,
  page: StaffPage,
  options: StaffAuthOptions = {},
): Promise<StaffUser> {
  const key = `${school}/${page}`
  if (keycloak && keycloakKey === key && keycloak.authenticated) return userOf(keycloak)
  const kc = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId })
  kc.onTokenExpired = () => {
    void kc.updateToken(MIN_VALIDITY_SECONDS).catch(() => kc.login())
  }
  keycloak = kc
  keycloakKey = key
  const redirectUri = staffPageUrl(window.location.origin, school, page)
  // check-sso first when there is a hint, so the hint can reach the login page; otherwise login-required.
  const authenticated = await kc.init({
    onLoad: options.loginHint ? 'check-sso' : 'login-required',
    pkceMethod: 'S256',
    checkLoginIframe: false,
    responseMode: 'fragment',
    redirectUri,
  })
  if (!authenticated) {
    if (!options.signInElsewhere?.()) await kc.login({ redirectUri, loginHint: options.loginHint })
    throw new Error('not authenticated')
  }
  return userOf(kc)
}

/** A single-use sign-in ticket of the school's realm for a WeChat bound to a staff account (S1). */
export interface RealmTicket {
  /** The authorization request parameter the realm's login step reads it from. */
  parameter: string
  value: string
  /** The account it signs in: prefills the form should the ticket be refused. */
  loginHint?: string
}

/**
 * Sends the browser to the realm's login step with a WeChat sign-in ticket: a valid one passes the account-and-password
 * step without the form (an OTP or required action the account needs still follows), and the realm comes back to the
 * page's one redirect URI like any sign-in. keycloak-js has no option for an extra parameter, so it is added to the
 * URL keycloak-js made (which keeps the state and PKCE verifier for the way back).
 */
export async function loginWithTicket(
  school: string,
  config: ConsoleConfig,
  page: StaffPage,
  ticket: RealmTicket,
): Promise<void> {
  const kc = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId })
  keycloak = kc
  keycloakKey = `${school}/${page}`
  const redirectUri = staffPageUrl(window.location.origin, school, page)
  await kc.init({ pkceMethod: 'S256', checkLoginIframe: false, responseMode: 'fragment', redirectUri })
  const url = new URL(await kc.createLoginUrl({ redirectUri, loginHint: ticket.loginHint }))
  url.searchParams.set(ticket.parameter, ticket.value)
  window.location.assign(url.toString())
}

/** Whether this school's staff surface already has a signed-in session in this page. */
export function isStaffSignedIn(school: string, page: StaffPage): boolean {
  return !!keycloak && keycloakKey === `${school}/${page}` && keycloak.authenticated === true
}

/** The guard page's sign-in (see {@link initStaffAuth}). */
export function initGuardAuth(school: string, config: ConsoleConfig): Promise<StaffUser> {
  return initStaffAuth(school, config, 'guard')
}

/** A valid access token, refreshed when close to expiry; sends the user to the login page when it is gone. */
export async function staffToken(): Promise<string> {
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

export async function staffLogin(): Promise<void> {
  await requireKeycloak().login()
}

export async function staffLogout(redirectUri: string): Promise<void> {
  await requireKeycloak().logout({ redirectUri })
}

export const guardToken = staffToken
export const guardLogin = staffLogin
export const guardLogout = staffLogout

/** The one address Keycloak sends a staff member of this school back to (and the realm lists as a redirect URI). */
export function staffPageUrl(origin: string, school: string, page: StaffPage): string {
  return `${origin}/portal/${encodeURIComponent(school)}/${page}`
}

export function guardPageUrl(origin: string, school: string): string {
  return staffPageUrl(origin, school, 'guard')
}

function requireKeycloak(): Keycloak {
  if (!keycloak) throw new Error('initStaffAuth() has not run')
  return keycloak
}

function userOf(kc: Keycloak): StaffUser {
  const claims = (kc.tokenParsed ?? {}) as Record<string, unknown>
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined)
  const username = str(claims.preferred_username) ?? ''
  const name =
    str(claims.name) ?? ([str(claims.family_name), str(claims.given_name)].filter(Boolean).join('') || username)
  return { name, username }
}
