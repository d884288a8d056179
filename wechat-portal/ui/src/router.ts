import { createRouter, createWebHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router'
import { decideAccess, isSchoolCode, PORTAL_BASE } from '@/auth/flow'
import { loadSession } from '@/auth/session'
import { getInfo } from '@/api/portal'
import { navigation } from '@/auth/navigation'
import { loadVisitorToken } from '@/api/visitor'

declare module 'vue-router' {
  interface RouteMeta {
    /** The page needs a signed-in (bound) registrant; the router starts the sign-in flow otherwise. */
    requiresLogin?: boolean
    /** A staff portal page (S1): the router signs the staff member in to the school's realm first. */
    staff?: boolean
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/:school/', name: 'home', component: () => import('@/views/HomeView.vue') },
  { path: '/:school/auth', name: 'auth', component: () => import('@/views/AuthCallbackView.vue') },
  { path: '/:school/login', name: 'login', component: () => import('@/views/LoginView.vue') },
  {
    path: '/:school/gate/:gateId',
    name: 'gate',
    component: () => import('@/views/PassView.vue'),
    meta: { requiresLogin: true },
  },
  {
    path: '/:school/rules',
    name: 'rules',
    component: () => import('@/views/RulesView.vue'),
    meta: { requiresLogin: true },
  },
  {
    path: '/:school/feedback',
    name: 'feedback',
    component: () => import('@/views/FeedbackListView.vue'),
    meta: { requiresLogin: true },
  },
  {
    path: '/:school/feedback/new',
    name: 'feedback-new',
    component: () => import('@/views/FeedbackNewView.vue'),
    meta: { requiresLogin: true },
  },
  {
    path: '/:school/feedback/:id(\\d+)',
    name: 'feedback-detail',
    component: () => import('@/views/FeedbackDetailView.vue'),
    meta: { requiresLogin: true },
  },
  {
    path: '/:school/vehicles',
    name: 'vehicles',
    component: () => import('@/views/VehicleListView.vue'),
    meta: { requiresLogin: true },
  },
  {
    path: '/:school/tickets',
    name: 'tickets',
    component: () => import('@/views/TicketListView.vue'),
    meta: { requiresLogin: true },
  },
  {
    path: '/:school/appeals',
    name: 'appeals',
    component: () => import('@/views/AppealListView.vue'),
    meta: { requiresLogin: true },
  },
  {
    path: '/:school/vehicles/new',
    name: 'vehicle-new',
    component: () => import('@/views/VehicleNewView.vue'),
    meta: { requiresLogin: true },
  },
  {
    path: '/:school/me',
    name: 'me',
    component: () => import('@/views/PersonalInfoView.vue'),
    meta: { requiresLogin: true },
  },
  {
    path: '/:school/me/face',
    name: 'me-face',
    component: () => import('@/views/FaceView.vue'),
    meta: { requiresLogin: true },
  },
  {
    path: '/:school/me/phone',
    name: 'me-phone',
    component: () => import('@/views/PhoneView.vue'),
    meta: { requiresLogin: true },
  },
  // Visitors (V1–V3): WeChat alone, their own session; each view starts the WeChat sign-in when it has none.
  { path: '/:school/visitor', name: 'visitor-home', component: () => import('@/views/VisitorHomeView.vue') },
  { path: '/:school/visitor/book', name: 'visitor-book', component: () => import('@/views/VisitorBookView.vue') },
  {
    path: '/:school/visitor/invitations/:id(\\d+)',
    name: 'visitor-confirm',
    component: () => import('@/views/VisitorConfirmView.vue'),
  },
  {
    path: '/:school/visitor/profile',
    name: 'visitor-profile',
    component: () => import('@/views/VisitorProfileView.vue'),
  },
  {
    path: '/:school/visitor/gate/:gateId',
    name: 'visitor-gate',
    component: () => import('@/views/VisitorPassView.vue'),
  },
  // The host side (R4.2, R4.3) for teachers with visitor authorization.
  {
    path: '/:school/visitors',
    name: 'host-visitors',
    component: () => import('@/views/HostVisitorsView.vue'),
    meta: { requiresLogin: true },
  },
  // Staff, not registrants: signs in with Keycloak inside the view, never through the registrant session.
  { path: '/:school/ebike/:id(\\d+)', name: 'ebike', component: () => import('@/views/EbikeScanView.vue') },
  { path: '/:school/guard', name: 'guard', component: () => import('@/views/GuardView.vue') },
  // The staff portal (S1–S4): staff of the school signed in with Keycloak, never through the registrant session.
  {
    path: '/:school/staff',
    name: 'staff-workbench',
    component: () => import('@/views/staff/StaffWorkbenchView.vue'),
    meta: { staff: true },
  },
  {
    path: '/:school/staff/tickets',
    name: 'staff-tickets',
    component: () => import('@/views/staff/StaffTicketsView.vue'),
    meta: { staff: true },
  },
  {
    path: '/:school/staff/tickets/new',
    name: 'staff-ticket-new',
    component: () => import('@/views/staff/StaffTicketNewView.vue'),
    meta: { staff: true },
  },
  {
    path: '/:school/staff/tickets/:id(\\d+)',
    name: 'staff-ticket',
    component: () => import('@/views/staff/StaffTicketView.vue'),
    meta: { staff: true },
  },
  {
    path: '/:school/staff/me',
    name: 'staff-me',
    component: () => import('@/views/staff/StaffMeView.vue'),
    meta: { staff: true },
  },
  {
    path: '/:school/staff/me/phone',
    name: 'staff-phone',
    component: () => import('@/views/staff/StaffPhoneView.vue'),
    meta: { staff: true },
  },
  {
    path: '/:school/staff/wechat',
    name: 'staff-wechat',
    component: () => import('@/views/staff/StaffWeChatBindView.vue'),
    meta: { staff: true },
  },
  // WeChat sign-in of a bound staff account (S1): before any staff session exists, so not a `staff` page.
  {
    path: '/:school/staff/wechat-login',
    name: 'staff-wechat-login',
    component: () => import('@/views/staff/StaffWeChatLoginView.vue'),
  },
  {
    path: '/:school/staff/visitors',
    name: 'staff-visitors',
    component: () => import('@/views/StaffVisitorsView.vue'),
    meta: { staff: true },
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue') },
]

/**
 * Signs a staff member in before a staff page (S1). Keycloak comes back to the staff portal's one redirect URI, so
 * the page first asked for is remembered across the login page and opened afterwards.
 */
async function staffGuard(school: string, fullPath: string): Promise<boolean | string> {
  // Loaded only on the way to a staff page: keycloak-js stays out of a registrant's or visitor's first load.
  const [{ isStaffSignedIn }, { rememberTarget, signInStaff, takeTarget }] = await Promise.all([
    import('@/guard/keycloak'),
    import('@/staff/session'),
  ])
  const returning = /[#&](state|code|error)=/.test(window.location.hash)
  if (!returning && !isStaffSignedIn(school, 'staff')) rememberTarget(school, fullPath)
  try {
    await signInStaff(school)
  } catch {
    return false // on the way to the login page
  }
  const target = takeTarget(school)
  return target && target !== fullPath ? target : true
}

export function createPortalRouter(history: RouterHistory = createWebHistory(`${PORTAL_BASE}/`)): Router {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: () => ({ top: 0 }),
  })
  router.beforeEach(async (to) => {
    const school = to.params.school
    if (to.name !== 'not-found' && school !== undefined && !isSchoolCode(school)) {
      return { name: 'not-found', params: { pathMatch: to.path.split('/').filter(Boolean) } }
    }
    if (to.meta.staff && isSchoolCode(school)) return staffGuard(school, to.fullPath)
    if (!to.meta.requiresLogin || !isSchoolCode(school)) return true
    const session = loadSession(school)
    if (session?.bound) return true
    // A gate poster scanned by a visitor (a visitor session and no registrant): the visitor's pass (V2).
    if (to.name === 'gate' && loadVisitorToken(school)) {
      return { name: 'visitor-gate', params: to.params, query: to.query, replace: true }
    }
    let wechatLogin = false
    try {
      wechatLogin = (await getInfo(school)).wechatLogin === true
    } catch {
      // The info call failed (network, unknown school): the login page shows the error.
    }
    const decision = decideAccess(school, session, wechatLogin, PORTAL_BASE + to.fullPath)
    if (decision.kind === 'proceed') return true
    if (decision.kind === 'wechat') {
      navigation.assign(decision.url)
      return false
    }
    return { name: 'login', params: { school }, query: { returnTo: decision.returnTo }, replace: true }
  })
  return router
}
