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

let keycloak: Keycloak | undefined
let refreshTimer: ReturnType<typeof setInterval> | undefined
const state = reactive<{ user: StaffUser | null; schoolName: string | null }>({ user: null, schoolName: null })

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
  kc.onAuthLogout = () => void kc.login()
  keycloak = kc
  const authenticated = await kc.init({
    onLoad: 'login-required',
    pkceMethod: 'S256',
    checkLoginIframe: false,
    responseMode: 'query',
  })
  if (!authenticated) {
    await kc.login()
    return
  }
  updateUser(kc)
  // onTokenExpired only fires while the tab's timers run; this catches up after sleep or a hidden tab.
  refreshTimer = setInterval(() => void refresh(kc), 20_000)
}

/** A valid access token, refreshed when close to expiry. Redirects to login when the session is gone. */
export async function getToken(): Promise<string> {
  const kc = requireKeycloak()
  await refresh(kc)
  if (!kc.token) {
    await kc.login()
    throw new Error('not authenticated')
  }
  return kc.token
}

export async function login(): Promise<void> {
  await requireKeycloak().login()
}

export async function logout(): Promise<void> {
  if (refreshTimer) clearInterval(refreshTimer)
  await requireKeycloak().logout({ redirectUri: `${window.location.origin}${import.meta.env.BASE_URL}` })
}

async function refresh(kc: Keycloak): Promise<void> {
  try {
    await kc.updateToken(MIN_VALIDITY_SECONDS)
  } catch {
    await kc.login()
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
