// The decisions of the registrant sign-in flow, kept free of Vue and of window so they can be tested directly:
// where a page without a session goes, where the OAuth callback goes next, and which returnTo values are safe.
import type { PortalSession } from './session'

/** Where the router is mounted; every portal path the server knows starts with it. */
export const PORTAL_BASE = '/portal'

const SCHOOL_CODE = /^[a-z][a-z0-9]{1,29}$/

export function isSchoolCode(value: unknown): value is string {
  return typeof value === 'string' && SCHOOL_CODE.test(value)
}

/** The school's portal home as a full path (`/portal/<school>/`). */
export function homePath(school: string): string {
  return `${PORTAL_BASE}/${school}/`
}

/**
 * `raw` as a same-school portal path (path + query + hash, starting with `/portal/<school>/`), or null when it
 * could lead anywhere else: another origin (`//evil`, `/\evil`, `https:`), another school, or a path that only
 * reaches this school by `..` tricks (the URL is normalised before it is checked). The sign-in pages themselves
 * are refused too, so the flow cannot loop.
 */
export function safeReturnTo(school: string, raw: unknown): string | null {
  if (!isSchoolCode(school) || typeof raw !== 'string') return null
  if (raw.length > 2048 || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null
  // Control characters and backslashes are stripped or rewritten by browsers; refuse rather than guess.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return null
  const probe = 'https://portal.invalid'
  let url: URL
  try {
    url = new URL(raw, probe)
  } catch {
    return null
  }
  if (url.origin !== probe) return null
  const prefix = `${PORTAL_BASE}/${school}/`
  if (!url.pathname.startsWith(prefix)) return null
  const rest = url.pathname.slice(prefix.length)
  if (rest.startsWith('api/') || rest === 'api' || /^(auth|login)\/?$/.test(rest)) return null
  return url.pathname + url.search + url.hash
}

/** The safe returnTo, else the school's home. */
export function returnToOrHome(school: string, raw: unknown): string {
  return safeReturnTo(school, raw) ?? homePath(school)
}

/** A full portal path as the router (mounted at /portal/) wants it. */
export function routerPath(fullPath: string): string {
  return fullPath.startsWith(PORTAL_BASE + '/') ? fullPath.slice(PORTAL_BASE.length) : fullPath
}

/** The server's WeChat OAuth entry, which comes back to /portal/<school>/auth?ticket=…&returnTo=…. */
export function wechatAuthorizeUrl(school: string, returnTo: string): string {
  return `${PORTAL_BASE}/${school}/api/auth/wechat/authorize?returnTo=${encodeURIComponent(returnTo)}`
}

export function loginRoute(school: string, returnTo: string) {
  return { name: 'login', params: { school }, query: { returnTo } }
}

export type AccessDecision =
  /** Signed in: show the page. */
  | { kind: 'proceed' }
  /** Leave the app for WeChat OAuth (a full page navigation). */
  | { kind: 'wechat'; url: string }
  /** Show the identity entry, then come back to returnTo. */
  | { kind: 'login'; returnTo: string }

/**
 * What a page that needs a signed-in registrant does. `currentFullPath` is the page's own full path (with
 * /portal/), which becomes the returnTo. A session that is not yet bound goes to the identity entry (the openid
 * is known, only the person is missing); no session at all starts WeChat OAuth when the school has a WeChat app,
 * else the identity entry directly.
 */
export function decideAccess(
  school: string,
  session: PortalSession | null,
  wechatLogin: boolean,
  currentFullPath: string,
): AccessDecision {
  if (session?.bound) return { kind: 'proceed' }
  const returnTo = returnToOrHome(school, currentFullPath)
  if (session || !wechatLogin) return { kind: 'login', returnTo }
  return { kind: 'wechat', url: wechatAuthorizeUrl(school, returnTo) }
}

/** After POST /auth/session: a bound openid goes straight to returnTo, a new one to the identity entry. */
export function afterWechatSession(
  school: string,
  bound: boolean,
  rawReturnTo: unknown,
): { kind: 'go'; path: string } | { kind: 'login'; returnTo: string } {
  const returnTo = returnToOrHome(school, rawReturnTo)
  return bound ? { kind: 'go', path: returnTo } : { kind: 'login', returnTo }
}

export const IDENTITIES = ['STUDENT', 'TEACHER', 'THIRD_PARTY', 'RESIDENT'] as const
export type Identity = (typeof IDENTITIES)[number]

/** The identity entries to show: only those the school opened, in the fixed order of the spec, no duplicates. */
export function entryIdentities(opened: readonly unknown[] | null | undefined): Identity[] {
  const set = new Set(opened ?? [])
  return IDENTITIES.filter((identity) => set.has(identity))
}
