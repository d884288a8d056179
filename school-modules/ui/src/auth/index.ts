// The console's only contact with Keycloak. Everything else asks this module for a token or the user, so
// tests replace it with vi.mock('@/auth').
import Keycloak from 'keycloak-js'
import { reactive, readonly } from 'vue'

export interface ConsoleConfig {
  keycloakUrl: string
  realm: string
  clientId: string
  schoolName: string | null
}

export interface StaffUser {
  /** Display name from the token (`name`, falling back to the login name). */
  name: string
  username: string
  /** Realm roles of the school realm (school-admin, security-officer, department-admin, gate-guard). */
  roles: string[]
}

/** Refresh when the access token has less than this many seconds left. */
const MIN_VALIDITY_SECONDS = 30

/** Where the console was before a trip to Keycloak's pages; the realm only sends people back to the entry page. */
const RETURN_TO_KEY = 'campuspass.console.returnTo'

/** Where the app serves this console (vite's `base`), and the realm's redirect URI for it. */
const CONSOLE_BASE = '/admin/'

/** How the last Keycloak action (today only UPDATE_PASSWORD) ended, as Keycloak reports it on the way back. */
export type ActionStatus = 'success' | 'cancelled' | 'error'

let keycloak: Keycloak | undefined
let refreshTimer: ReturnType<typeof setInterval> | undefined
const state = reactive<{
  user: StaffUser | null
  schoolName: string | null
  passwordAction: ActionStatus | null
}>({ user: null, schoolName: null, passwordAction: null })

/** The signed-in staff member as the token says, reactive; null before initAuth() resolves. */
export const session = readonly(state)

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

/**
 * Signs the staff member in (redirecting to the school realm's login page, which takes account or phone +
 * password) and resolves once a token is available. Must run before the router starts: with responseMode
 * 'query' Keycloak returns with ?code=&state= appended, and keycloak-js strips those before the router reads
 * the URL.
 */
export async function initAuth(config: ConsoleConfig): Promise<void> {
  state.schoolName = config.schoolName
  const kc = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId })
  kc.onTokenExpired = () => void refresh(kc)
  kc.onAuthRefreshSuccess = () => updateUser(kc)
  kc.onAuthLogout = () => void login()
  kc.onActionUpdate = (status, action) => {
    if (action === 'UPDATE_PASSWORD') state.passwordAction = status
  }
  keycloak = kc
  if (!isKeycloakCallback(window.location.search)) rememberPlace()
  const authenticated = await kc.init({
    onLoad: 'login-required',
    pkceMethod: 'S256',
    checkLoginIframe: false,
    responseMode: 'query',
    // The realm accepts exact redirect URIs only: always come back to the entry page, then go where we were.
    redirectUri: entryUrl(),
  })
  if (!authenticated) {
    await login()
    return
  }
  returnToRememberedPlace()
  updateUser(kc)
  // onTokenExpired only fires while the tab's timers run; this catches up after sleep or a hidden tab.
  refreshTimer = setInterval(() => void refresh(kc), 20_000)
}

/** A valid access token, refreshed when close to expiry. Redirects to login when the session is gone. */
export async function getToken(): Promise<string> {
  const kc = requireKeycloak()
  await refresh(kc)
  if (!kc.token) {
    await login()
    throw new Error('not authenticated')
  }
  return kc.token
}

export async function login(): Promise<void> {
  rememberPlace()
  await requireKeycloak().login({ redirectUri: entryUrl() })
}

/**
 * A7 password change on Keycloak's own page (the UPDATE_PASSWORD application-initiated action): it asks for the
 * current password again when the sign-in is not recent, applies the realm's policy and history, and comes back
 * with the outcome in {@link session}.passwordAction.
 */
export async function changePassword(): Promise<void> {
  state.passwordAction = null
  rememberPlace()
  await requireKeycloak().login({ action: 'UPDATE_PASSWORD', redirectUri: entryUrl() })
}

export async function logout(): Promise<void> {
  if (refreshTimer) clearInterval(refreshTimer)
  await requireKeycloak().logout({ redirectUri: entryUrl() })
}

async function refresh(kc: Keycloak): Promise<void> {
  try {
    await kc.updateToken(MIN_VALIDITY_SECONDS)
  } catch {
    await login()
  }
}

/** The outcome of the last password change, once: the profile page shows it and forgets it. */
export function takePasswordAction(): ActionStatus | null {
  const status = state.passwordAction
  state.passwordAction = null
  return status
}

function entryUrl(): string {
  return `${window.location.origin}${CONSOLE_BASE}`
}

export function isKeycloakCallback(search: string): boolean {
  const params = new URLSearchParams(search)
  return params.has('state') && (params.has('code') || params.has('error') || params.has('kc_action_status'))
}

/** Only paths of this console are remembered, so the stored value can never send anyone elsewhere. */
export function rememberPlace(): void {
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`
  if (here.startsWith(CONSOLE_BASE) && here !== CONSOLE_BASE) {
    sessionStorage.setItem(RETURN_TO_KEY, here)
  }
}

export function returnToRememberedPlace(): void {
  const target = sessionStorage.getItem(RETURN_TO_KEY)
  sessionStorage.removeItem(RETURN_TO_KEY)
  if (target && target.startsWith(CONSOLE_BASE)) {
    window.history.replaceState(window.history.state, '', target)
  }
}

function requireKeycloak(): Keycloak {
  if (!keycloak) throw new Error('initAuth() has not run')
  return keycloak
}

function updateUser(kc: Keycloak): void {
  const claims = (kc.tokenParsed ?? {}) as Record<string, unknown>
  const username = str(claims.preferred_username) ?? ''
  const fullName =
    str(claims.name) ?? ([str(claims.family_name), str(claims.given_name)].filter(Boolean).join('') || undefined)
  const realmAccess = claims.realm_access as { roles?: unknown } | undefined
  const roles = Array.isArray(realmAccess?.roles)
    ? realmAccess.roles.filter((r): r is string => typeof r === 'string')
    : []
  state.user = { name: fullName ?? username, username, roles }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}
