// Starting the sign-in flow from a page (a login button, or an API call that answered 401).
import type { Router } from 'vue-router'
import { getInfo } from '@/api/portal'
import { decideAccess, PORTAL_BASE, routerPath } from './flow'
import { navigation } from './navigation'
import { clearSession, loadSession } from './session'

/**
 * Signs the registrant in and brings them back to `returnTo` (a full /portal/<school>/ path; unsafe values fall
 * back to the school's home). With `dropSession` the current session is discarded first (it was refused).
 */
export async function startSignIn(
  router: Router,
  school: string,
  returnTo: string,
  options: { dropSession?: boolean } = {},
): Promise<void> {
  if (options.dropSession) clearSession(school)
  let wechatLogin = false
  try {
    wechatLogin = (await getInfo(school)).wechatLogin === true
  } catch {
    // The login page shows why the school cannot be reached.
  }
  const decision = decideAccess(school, loadSession(school), wechatLogin, returnTo)
  if (decision.kind === 'wechat') {
    navigation.assign(decision.url)
  } else if (decision.kind === 'login') {
    await router.replace({ name: 'login', params: { school }, query: { returnTo: decision.returnTo } })
  } else {
    await router.replace(routerPath(returnTo))
  }
}

/** The full path (with /portal) of the route the router shows now. */
export function currentFullPath(router: Router): string {
  return PORTAL_BASE + router.currentRoute.value.fullPath
}
