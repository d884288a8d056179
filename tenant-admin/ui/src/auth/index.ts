// The console's only contact with Keycloak. Everything else asks this module for a token or the user, so
// tests replace it with vi.mock('@/auth').
import Keycloak from 'keycloak-js'
import { reactive, readonly } from 'vue'

export interface ConsoleConfig {
  keycloakUrl: string
  realm: string
  clientId: string
}

export interface OperatorUser {
  /** Display name from the token (`name`, falling back to the login name). */
  name: string
  username: string
  email?: string
}

const CONFIG_URL = '/public/api/console-config?console=operator'
/** Refresh when the access token has less than this many seconds left. */
const MIN_VALIDITY_SECONDS = 30

let keycloak: Keycloak | undefined
let refreshTimer: ReturnType<typeof setInterval> | undefined
const state = reactive<{ user: OperatorUser | null }>({ user: null })

/** The signed-in operator, reactive; null before initAuth() resolves. */
export const session = readonly(state)

export async function loadConsoleConfig(): Promise<ConsoleConfig> {
  const response = await fetch(CONFIG_URL, { headers: { Accept: 'application/json' } })
  if (!response.ok) {
    throw new Error(`console-config: HTTP ${response.status}`)
  }
  return (await response.json()) as ConsoleConfig
}

/**
 * Signs the operator in (redirecting to Keycloak when there is no session) and resolves once a token is
 * available. Must run before the router starts: with responseMode 'query' Keycloak returns to the page the
 * operator asked for with ?code=&state= appended, and keycloak-js strips those with history.replaceState,
 * so the router then sees the clean deep link.
 */
export async function initAuth(config: ConsoleConfig): Promise<void> {
  rememberDeepLink()
  const kc = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId })
  kc.onTokenExpired = () => {
    void refresh(kc)
  }
  kc.onAuthRefreshSuccess = () => updateUser(kc)
  kc.onAuthLogout = () => {
    void kc.login({ redirectUri: consoleRoot() })
  }
  keycloak = kc
  const authenticated = await kc.init({
    onLoad: 'login-required',
    pkceMethod: 'S256',
    checkLoginIframe: false,
    responseMode: 'query',
    redirectUri: consoleRoot(),
  })
  if (!authenticated) {
    // login-required redirects instead of resolving false; keep the page from booting half signed in.
    await kc.login({ redirectUri: consoleRoot() })
    return
  }
  restoreDeepLink()
  updateUser(kc)
  // onTokenExpired only fires while the tab's timers run; this catches up after sleep or a hidden tab.
  refreshTimer = setInterval(() => void refresh(kc), 20_000)
}

/** A valid access token, refreshed when close to expiry. Redirects to login when the session is gone. */
export async function getToken(): Promise<string> {
  const kc = requireKeycloak()
  await refresh(kc)
  if (!kc.token) {
    await kc.login({ redirectUri: consoleRoot() })
    throw new Error('not authenticated')
  }
  return kc.token
}

/** Sends the operator to Keycloak again (e.g. after the API answered 401). */
export async function login(): Promise<void> {
  rememberDeepLink()
  await requireKeycloak().login({ redirectUri: consoleRoot() })
}

// Production realms list the console's redirect URI exactly (no wildcards), so Keycloak always returns to the
// console root; the page the operator asked for is kept in sessionStorage and put back before the router starts.
const DEEP_LINK_KEY = 'campuspass.operator.deepLink'

function consoleRoot(): string {
  return `${window.location.origin}${import.meta.env.BASE_URL}`
}

function rememberDeepLink(): void {
  const params = new URLSearchParams(window.location.search)
  if (params.has('code') || params.has('error')) return // coming back from Keycloak
  const here = `${window.location.pathname}${window.location.search}${window.location.hash}`
  if (here !== import.meta.env.BASE_URL) sessionStorage.setItem(DEEP_LINK_KEY, here)
}

function restoreDeepLink(): void {
  const target = sessionStorage.getItem(DEEP_LINK_KEY)
  sessionStorage.removeItem(DEEP_LINK_KEY)
  if (target && target.startsWith(import.meta.env.BASE_URL)) window.history.replaceState(null, '', target)
}

export async function logout(): Promise<void> {
  if (refreshTimer) clearInterval(refreshTimer)
  await requireKeycloak().logout({ redirectUri: `${window.location.origin}${import.meta.env.BASE_URL}` })
}

async function refresh(kc: Keycloak): Promise<void> {
  try {
    await kc.updateToken(MIN_VALIDITY_SECONDS)
  } catch {
    // Refresh token expired or the session was ended in Keycloak.
    await kc.login({ redirectUri: consoleRoot() })
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
  state.user = { name: fullName ?? username, username, email: str(claims.email) }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}
