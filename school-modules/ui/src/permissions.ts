// What a staff member may see. The server decides what they may do (every endpoint declares the permission it
// needs, granted by the roles the school configures); the console only hides what would be refused. Permissions
// come from GET /admin/api/me alone: the console never maps role names to permissions. This file is the one place
// that maps permissions to menu entries/routes.

/** A permission code, `module:resource:action`, as the server declares it (e.g. `registrant:registrant:import`). */
export type Permission = string

export type MenuGroup =
  | 'overview'
  | 'organization'
  | 'registrants'
  | 'vehicles'
  | 'visitors'
  | 'access'
  | 'violations'
  | 'analytics'
  | 'account'

export interface MenuEntry {
  /** Route name; also the data-test hook `menu-<name>`. */
  name: string
  path: string
  group: MenuGroup
  /** Shown when the user holds any of these; empty = every signed-in staff member. */
  anyOf: readonly Permission[]
  /** Listed on the home page as a quick link. */
  quickLink?: boolean
  /** A home-page quick entry with a count to act on (A2: 备案待审核), rather than a plain link. */
  pendingCount?: 'vehicleReviews' | 'appeals'
}

export const MENU: readonly MenuEntry[] = [
  {
    name: 'home',
    path: '/home',
    group: 'overview',
    anyOf: ['home:dashboard:view'],
  },
  { name: 'campuses', path: '/campuses', group: 'organization', anyOf: ['organization:campus:view'], quickLink: true },
  { name: 'gates', path: '/gates', group: 'organization', anyOf: ['organization:gate:view'], quickLink: true },
  { name: 'departments', path: '/departments', group: 'organization', anyOf: ['organization:department:view'] },
  { name: 'positions', path: '/positions', group: 'organization', anyOf: ['organization:position:view'] },
  { name: 'terms', path: '/terms', group: 'organization', anyOf: ['organization:term:view'] },
  { name: 'gate-devices', path: '/gate-devices', group: 'organization', anyOf: ['access:device:manage'] },
  {
    name: 'registrants',
    path: '/registrants',
    group: 'registrants',
    anyOf: ['registrant:registrant:view'],
    quickLink: true,
  },
  {
    name: 'identity-types',
    path: '/registrants/identity-types',
    group: 'registrants',
    anyOf: ['registrant:identity-type:view'],
  },
  {
    name: 'feedback',
    path: '/feedback',
    group: 'organization',
    anyOf: ['feedback:feedback:view', 'feedback:type:manage'],
  },
  {
    name: 'face-updates',
    path: '/registrants/faces',
    group: 'registrants',
    anyOf: ['registrant:face:list'],
  },
  {
    name: 'registrant-import',
    path: '/registrants/import',
    group: 'registrants',
    anyOf: ['registrant:registrant:import'],
    quickLink: true,
  },
  {
    name: 'registrant-settings',
    path: '/registrants/settings',
    group: 'registrants',
    anyOf: ['system:settings:manage'],
  },
  { name: 'vehicles', path: '/vehicles', group: 'vehicles', anyOf: ['vehicle:vehicle:list'], quickLink: true },
  {
    name: 'vehicle-reviews',
    path: '/vehicles/reviews',
    group: 'vehicles',
    anyOf: ['vehicle:review:list'],
    pendingCount: 'vehicleReviews',
  },
  { name: 'vehicle-labels', path: '/vehicles/labels', group: 'vehicles', anyOf: ['vehicle:label:list'] },
  { name: 'verify-pass', path: '/verify', group: 'access', anyOf: ['access:pass:verify'], quickLink: true },
  {
    name: 'vehicle-access-records',
    path: '/vehicle-access-records',
    group: 'access',
    anyOf: ['vehiclegate:record:view', 'vehiclegate:gate:view'],
  },
  { name: 'tickets', path: '/tickets', group: 'violations', anyOf: ['violation:ticket:list'] },
  {
    name: 'ticket-appeals',
    path: '/tickets/appeals',
    group: 'violations',
    anyOf: ['violation:appeal:list'],
    pendingCount: 'appeals',
  },
  { name: 'ticket-items', path: '/tickets/items', group: 'violations', anyOf: ['violation:item:view'] },
  // 数据分析 (tender §1 6, in its order): 6.1 备案人出入记录, 6.2 访客预约记录, then the statistics and leaderboards.
  {
    name: 'access-records',
    path: '/access-records',
    group: 'analytics',
    anyOf: ['access:record:view'],
    quickLink: true,
  },
  {
    name: 'visitor-bookings',
    path: '/visitors/bookings',
    group: 'analytics',
    anyOf: ['visitor:booking:list'],
    quickLink: true,
  },
  {
    name: 'visitor-department-stats',
    path: '/visitors/departments',
    group: 'analytics',
    anyOf: ['visitor:stats:view'],
  },
  { name: 'visitor-leaderboard', path: '/visitors/leaderboard', group: 'analytics', anyOf: ['visitor:stats:view'] },
  {
    name: 'violator-leaderboard',
    path: '/violations/violators',
    group: 'analytics',
    anyOf: ['violation:stats:view'],
  },
  {
    name: 'vehicle-leaderboard',
    path: '/violations/vehicles',
    group: 'analytics',
    anyOf: ['violation:stats:view'],
  },
  { name: 'roles', path: '/roles', group: 'organization', anyOf: ['system:role:view'] },
  { name: 'users', path: '/users', group: 'organization', anyOf: ['system:user:view'] },
  { name: 'profile', path: '/profile', group: 'account', anyOf: [] },
]

export function canSee(entry: Pick<MenuEntry, 'anyOf'>, permissions: readonly string[]): boolean {
  return entry.anyOf.length === 0 || entry.anyOf.some((p) => permissions.includes(p))
}

export function menuFor(permissions: readonly string[]): MenuEntry[] {
  return MENU.filter((entry) => canSee(entry, permissions))
}

export function menuEntry(name: string): MenuEntry | undefined {
  return MENU.find((entry) => entry.name === name)
}

/** Where a user lands on /admin/ and when they open a page they may not see: the first page of their menu. */
export function landingPage(permissions: readonly string[]): string {
  return menuFor(permissions)[0]?.name ?? 'profile'
}
