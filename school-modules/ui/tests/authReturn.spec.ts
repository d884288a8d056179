import { afterEach, describe, expect, it, vi } from 'vitest'

// The real module (setup.ts replaces '@/auth' for every other test).
const auth = await vi.importActual<typeof import('@/auth')>('@/auth')

afterEach(() => {
  sessionStorage.clear()
  window.history.replaceState(null, '', '/')
})

describe('coming back from Keycloak to the console (exact redirect URI /admin/)', () => {
  it('recognises Keycloak’s callback, including the update-password outcome', () => {
    expect(auth.isKeycloakCallback('?code=abc&state=s1')).toBe(true)
    expect(auth.isKeycloakCallback('?kc_action_status=success&kc_action=UPDATE_PASSWORD&state=s1&code=c')).toBe(true)
    expect(auth.isKeycloakCallback('?error=login_required&state=s1')).toBe(true)
    expect(auth.isKeycloakCallback('?page=2')).toBe(false)
  })

  it('returns to the page the user was on before signing in', () => {
    window.history.replaceState(null, '', '/admin/registrants?page=2')
    auth.rememberPlace()
    window.history.replaceState(null, '', '/admin/')
    auth.returnToRememberedPlace()
    expect(window.location.pathname + window.location.search).toBe('/admin/registrants?page=2')
    // Once only.
    window.history.replaceState(null, '', '/admin/')
    auth.returnToRememberedPlace()
    expect(window.location.pathname).toBe('/admin/')
  })

  it('never remembers or follows a place outside the console', () => {
    window.history.replaceState(null, '', '/portal/demo/guard')
    auth.rememberPlace()
    expect(sessionStorage.length).toBe(0)
    sessionStorage.setItem('campuspass.console.returnTo', '//evil.example/admin/')
    window.history.replaceState(null, '', '/admin/')
    auth.returnToRememberedPlace()
    expect(window.location.pathname).toBe('/admin/')
  })
})
