import { createRouter, createWebHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router'
import ConsoleLayout from './layouts/ConsoleLayout.vue'
import { MENU, canSee, landingPage, menuEntry } from './permissions'
import { staff } from './staff'

// Views are split per route; the layout (menu, header) is part of the entry chunk. Paths and permissions come
// from MENU, so the menu and what the router lets through cannot disagree.
const VIEWS: Record<string, () => Promise<unknown>> = {
  home: () => import('./views/HomeView.vue'),
  campuses: () => import('./views/CampusesView.vue'),
  gates: () => import('./views/GatesView.vue'),
  departments: () => import('./views/DepartmentsView.vue'),
  positions: () => import('./views/PositionsView.vue'),
  terms: () => import('./views/TermsView.vue'),
  'gate-devices': () => import('./views/GateDevicesView.vue'),
  registrants: () => import('./views/RegistrantsView.vue'),
  'identity-types': () => import('./views/IdentityTypesView.vue'),
  'face-updates': () => import('./views/FaceUpdatesView.vue'),
  'registrant-import': () => import('./views/RegistrantImportView.vue'),
  'registrant-settings': () => import('./views/RegistrantSettingsView.vue'),
  'access-records': () => import('./views/AccessRecordsView.vue'),
  'verify-pass': () => import('./views/VerifyPassView.vue'),
  'vehicle-access-records': () => import('./views/VehicleAccessRecordsView.vue'),
  feedback: () => import('./views/FeedbackView.vue'),
  vehicles: () => import('./views/VehiclesView.vue'),
  'vehicle-reviews': () => import('./views/VehicleReviewsView.vue'),
  'vehicle-labels': () => import('./views/VehicleLabelsView.vue'),
  'visitor-bookings': () => import('./views/VisitorBookingsView.vue'),
  'visitor-department-stats': () => import('./views/VisitorDepartmentStatsView.vue'),
  'visitor-leaderboard': () => import('./views/VisitorLeaderboardView.vue'),
  tickets: () => import('./views/TicketsView.vue'),
  'ticket-items': () => import('./views/TicketItemsView.vue'),
  'ticket-appeals': () => import('./views/TicketAppealsView.vue'),
  'violator-leaderboard': () => import('./views/ViolatorLeaderboardView.vue'),
  'vehicle-leaderboard': () => import('./views/VehicleLeaderboardView.vue'),
  roles: () => import('./views/RolesView.vue'),
  users: () => import('./views/UsersView.vue'),
  profile: () => import('./views/ProfileView.vue'),
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: ConsoleLayout,
    children: [
      { path: '', name: 'landing', redirect: () => ({ name: landingPage(staff.permissions) }) },
      ...MENU.map((m) => ({ path: m.path.slice(1), name: m.name, component: VIEWS[m.name] }) as RouteRecordRaw),
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
    ],
  },
]

/** Pages outside the user's permissions lead to their first page instead (the server would refuse the data). */
export function guard(router: Router): Router {
  router.beforeEach((to) => {
    const entry = typeof to.name === 'string' ? menuEntry(to.name) : undefined
    if (entry && !canSee(entry, staff.permissions)) return { name: landingPage(staff.permissions), replace: true }
    return true
  })
  return router
}

export function createConsoleRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)) {
  // The server forwards every non-file path under /admin/ to index.html.
  return guard(createRouter({ history, routes }))
}
