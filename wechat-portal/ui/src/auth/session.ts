// The registrant's portal session: an opaque token per school, kept in localStorage (WeChat's browser keeps it
// between visits) and sent as the X-Portal-Session header. Never a cookie, so there is no CSRF surface.

export interface PortalSession {
  token: string
  /** True once the WeChat openid is bound to a registrant (signed in); false right after OAuth for a newcomer. */
  bound: boolean
}

const PREFIX = 'campuspass.portal.session.'

export function loadSession(school: string): PortalSession | null {
  try {
    const raw = localStorage.getItem(PREFIX + school)
    if (!raw) return null
    const value = JSON.parse(raw) as Partial<PortalSession>
    if (typeof value.token !== 'string' || value.token === '') return null
    return { token: value.token, bound: value.bound === true }
  } catch {
    return null
  }
}

export function saveSession(school: string, session: PortalSession): void {
  try {
    localStorage.setItem(PREFIX + school, JSON.stringify(session))
  } catch {
    // Storage refused (private mode): the session lasts until the page is closed... which it cannot, so the
    // next page load signs in through WeChat again. Nothing else to do.
  }
}

export function clearSession(school: string): void {
  try {
    localStorage.removeItem(PREFIX + school)
  } catch {
    // ignore
  }
}
