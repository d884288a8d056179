// The consoles' only contact with Keycloak (keycloak-js, authorization code + PKCE). Each console makes one with
// createKeycloakAuth and re-exports it from its own src/auth module, which tests replace with vi.mock('@/auth').
import Keycloak from 'keycloak-js'
import { reactive, readonly } from 'vue'

export interface KeycloakConfig {
  keycloakUrl: string
  realm: string
  clientId: string
}

export interface SignedInUser {
  /** Display name from the token (`name`, else family + given name, else the login name). */
  name: string
  username: string
  email?: string
  /** Realm roles in the token (informational only: what a user may do comes from the server's permissions). */
  roles: string[]
}

/** How the last Keycloak action (today only UPDATE_PASSWORD) ended, as Keycloak reports it on the way back. */
export type ActionStatus = 'success' | 'cancelled' | 'error'

export interface KeycloakAuthOptions {
  /** Where the app serves the console (vite's `base`, e.g. /admin/): the realm's exact redirect URI. */
  base: string
  /** sessionStorage key for the page to return to after a trip to Keycloak's pages. */
  returnToKey: string
}

/** Refresh when the access token has less than this many seconds left. */
const MIN_VALIDITY_SECONDS = 30

export function isKeycloakCallback(search: string): boolean {
  const params = new URLSearchParams(search)
  return params.has('state') && (params.has('code') || params.has('error') || params.has('kc_action_status'))
}

export function createKeycloakAuth(options: KeycloakAuthOptions) {
  const { base, returnToKey } = options
  let keycloak: Keycloak | undefined
  let refreshTimer: ReturnType<typeof setInterval> | undefined
  const state = reactive<{ user: SignedInUser | null; passwordAction: ActionStatus | null }>({
    user: null,
    passwordAction: null,
  })

  function entryUrl(): string {
    return `${window.location.origin}${base}`
  }

  /** Only paths of this console are remembered, so the stored value can never send anyone elsewhere. */
  function rememberPlace(): void {
    const here = `${window.location.pathname}${window.location.search}${window.location.hash}`
    if (here.startsWith(base) && here !== base) sessionStorage.setItem(returnToKey, here)
  }

  function returnToRememberedPlace(): void {
    const target = sessionStorage.getItem(returnToKey)
    sessionStorage.removeItem(returnToKey)
    if (target && target.startsWith(base)) window.history.replaceState(window.history.state, '', target)
  }

  function requireKeycloak(): Keycloak {
    if (!keycloak) throw new Error('initAuth() has not run')
    return keycloak
  }

  async function login(): Promise<void> {
    rememberPlace()
    await requireKeycloak().login({ redirectUri: entryUrl() })
  }

  async function refresh(kc: Keycloak): Promise<void> {
    try {
      await kc.updateToken(MIN_VALIDITY_SECONDS)
    } catch {
      // Refresh token expired or the session was ended in Keycloak.
      await login()
    }
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
    state.user = { name: fullName ?? username, username, email: str(claims.email), roles }
  }

  return {
    /** The signed-in user as the token says, reactive; null before initAuth() resolves. */
    session: readonly(state),
    rememberPlace,
    returnToRememberedPlace,
    login,

    /**
     * Signs the user in (redirecting to the realm's login page when there is no session) and resolves once a token
     * is available. Must run before the router starts: with responseMode 'query' Keycloak returns with
     * ?code=&state= appended, and keycloak-js strips those before the router reads the URL. The realm accepts
     * exact redirect URIs only, so Keycloak always returns to the entry page, and the page the user was on is put
     * back from sessionStorage.
     */
    async initAuth(config: KeycloakConfig): Promise<void> {
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
        redirectUri: entryUrl(),
      })
      if (!authenticated) {
        // login-required redirects instead of resolving false; keep the page from booting half signed in.
        await login()
        return
      }
      returnToRememberedPlace()
      updateUser(kc)
      // onTokenExpired only fires while the tab's timers run; this catches up after sleep or a hidden tab.
      refreshTimer = setInterval(() => void refresh(kc), 20_000)
    },

    /** A valid access token, refreshed when close to expiry. Redirects to login when the session is gone. */
    async getToken(): Promise<string> {
      const kc = requireKeycloak()
      await refresh(kc)
      if (!kc.token) {
        await login()
        throw new Error('not authenticated')
      }
      return kc.token
    },

    /**
     * A7 password change on Keycloak's own page (the UPDATE_PASSWORD application-initiated action): it asks for the
     * current password again when the sign-in is not recent, applies the realm's policy and history, and comes
     * back with the outcome in session.passwordAction.
     */
    async changePassword(): Promise<void> {
      state.passwordAction = null
      rememberPlace()
      await requireKeycloak().login({ action: 'UPDATE_PASSWORD', redirectUri: entryUrl() })
    },

    /** The outcome of the last password change, once: the profile page shows it and forgets it. */
    takePasswordAction(): ActionStatus | null {
      const status = state.passwordAction
      state.passwordAction = null
      return status
    },

    async logout(): Promise<void> {
      if (refreshTimer) clearInterval(refreshTimer)
      await requireKeycloak().logout({ redirectUri: entryUrl() })
    },
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}
