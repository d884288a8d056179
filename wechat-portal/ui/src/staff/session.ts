// Staff portal sign-in (S1): the realm's login page through the shared Keycloak module, coming back to the one
// redirect URI the realm lists for the staff portal (`/portal/<school>/staff`); the page asked for is remembered
// in sessionStorage and opened after the sign-in. After a WeChat binding the bound account is remembered on the
// phone; when the realm's session has ended, the portal opened in WeChat signs that account in again without the
// password ("无需再次登录"): the school's WeChat OAuth → /staff/wechat-login, which trades its ticket for a realm
// ticket and goes to the login step with it (see StaffWeChatLoginView). One try per two minutes, so a refused ticket
// ends on the login form (prefilled with the account) and never in a loop.
import { initStaffAuth, loadConsoleConfig, staffLogout, staffPageUrl, type StaffUser } from '@/guard/keycloak'
import { portalRequest } from '@/api/portal'
import { navigation } from '@/auth/navigation'
import { staffGet, staffPost, staffPut } from './api'

export interface StaffMe {
  username: string
  name: string | null
  phone: string | null
  roles: string[]
  roleNames: string[]
  permissions: string[]
  dataScope: 'SCHOOL' | 'DEPARTMENTS' | 'OWN'
  school: { code: string; name: string }
  departments: string[]
  position: string | null
}

export interface StaffBindings {
  username: string
  name: string | null
  phoneMasked: string | null
  weChatBound: boolean
}

const TARGET_KEY = 'campuspass.staff.target.'
const HINT_KEY = 'campuspass.staff.account.'
const WECHAT_TRY_KEY = 'campuspass.staff.wechat-try.'
/** After a WeChat sign-in try, the login form for this long (a refused ticket must not send the phone round again). */
export const WECHAT_RETRY_MS = 120_000

let me: Promise<StaffMe> | null = null
let meSchool: string | null = null

/** Whether the page runs inside WeChat's browser (where the account is bound to the WeChat user after sign-in). */
export function inWeChat(userAgent: string = navigator.userAgent): boolean {
  return /MicroMessenger/i.test(userAgent)
}

export function rememberTarget(school: string, fullPath: string): void {
  try {
    sessionStorage.setItem(TARGET_KEY + school, fullPath)
  } catch {
    // private mode: the workbench opens instead
  }
}

/** The page asked for before the sign-in, once. */
export function takeTarget(school: string): string | null {
  try {
    const value = sessionStorage.getItem(TARGET_KEY + school)
    sessionStorage.removeItem(TARGET_KEY + school)
    return value
  } catch {
    return null
  }
}

export function rememberedAccount(school: string): string | undefined {
  try {
    return localStorage.getItem(HINT_KEY + school) ?? undefined
  } catch {
    return undefined
  }
}

export function rememberAccount(school: string, username: string | null): void {
  try {
    if (username) localStorage.setItem(HINT_KEY + school, username)
    else localStorage.removeItem(HINT_KEY + school)
  } catch {
    // nothing to remember with
  }
}

/** Signs in (or resumes the realm's session) and resolves with the user. */
export async function signInStaff(school: string): Promise<StaffUser> {
  const config = await loadConsoleConfig(school)
  const account = rememberedAccount(school)
  const user = await initStaffAuth(school, config, 'staff', {
    loginHint: account,
    signInElsewhere: () => {
      if (!account || !inWeChat() || triedWeChatRecently(school)) return false
      markWeChatTry(school)
      navigation.assign(weChatSignInUrl(school))
      return true
    },
  })
  forgetWeChatTry(school)
  return user
}

/** The school's WeChat OAuth, coming back to the staff portal's WeChat sign-in page with a one-time ticket. */
export function weChatSignInUrl(school: string): string {
  const returnTo = `/portal/${school}/staff/wechat-login`
  return `/portal/${school}/api/auth/wechat/authorize?returnTo=${encodeURIComponent(returnTo)}`
}

export function triedWeChatRecently(school: string, now: number = Date.now()): boolean {
  try {
    const at = Number(sessionStorage.getItem(WECHAT_TRY_KEY + school))
    return Number.isFinite(at) && at > 0 && now - at < WECHAT_RETRY_MS
  } catch {
    return true // nowhere to remember the try: never risk a loop
  }
}

function markWeChatTry(school: string): void {
  try {
    sessionStorage.setItem(WECHAT_TRY_KEY + school, String(Date.now()))
  } catch {
    // see triedWeChatRecently
  }
}

function forgetWeChatTry(school: string): void {
  try {
    sessionStorage.removeItem(WECHAT_TRY_KEY + school)
  } catch {
    // nothing remembered
  }
}

/** The signed-in staff member as the console knows them (roles, permissions, scope), loaded once per school. */
export function loadMe(school: string, reload = false): Promise<StaffMe> {
  if (!me || meSchool !== school || reload) {
    meSchool = school
    me = staffGet<StaffMe>('/me').catch((e: unknown) => {
      me = null
      throw e
    })
  }
  return me
}

export function forgetMe(): void {
  me = null
  meSchool = null
}

export interface StaffWeChatSignIn {
  username: string
  loginTicket: string
  parameter: string
  expiresInSeconds: number
}

/** Trades the school's WeChat OAuth ticket for a realm sign-in ticket (public: nobody is signed in yet). */
export function weChatSignIn(school: string, ticket: string): Promise<StaffWeChatSignIn> {
  return portalRequest<StaffWeChatSignIn>(school, '/auth/staff-sign-in', {
    method: 'POST',
    body: { ticket },
    session: false,
  })
}

export const bindingsApi = {
  get: () => staffGet<StaffBindings>('/staff-portal/bindings'),
  sendPhoneCode: (phone: string) =>
    staffPost<{ phoneMasked: string; resendAfterSeconds: number }>('/staff-portal/phone/code', { phone }),
  bindPhone: (phone: string, code: string) => staffPut<StaffBindings>('/staff-portal/phone', { phone, code }),
  bindWeChat: (ticket: string) => staffPost<StaffBindings>('/staff-portal/wechat', { ticket }),
}

/** The server's WeChat OAuth, coming back to the staff portal's binding page with a one-time ticket. */
export function weChatBindUrl(school: string): string {
  const returnTo = `/portal/${school}/staff/wechat`
  return `/portal/${school}/api/auth/wechat/authorize?returnTo=${encodeURIComponent(returnTo)}`
}

export async function signOutStaff(school: string): Promise<void> {
  forgetMe()
  await staffLogout(staffPageUrl(window.location.origin, school, 'staff'))
}
