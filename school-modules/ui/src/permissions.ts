// What a staff member may see. The server decides what they may do (every endpoint checks roles); the console
// only hides what would be refused. This file is the one place that maps permissions to menu entries/routes.

export const PERMISSIONS = [
  'organization:manage',
  'registrant:view',
  'registrant:manage',
  'registrant:import',
  'access-rule:manage',
  'access-record:view',
  'pass:verify',
  'settings:manage',
  'device:manage',
  'system:role:view',
  'system:user:view',
  'access:record:view',
] as const
export type Permission = (typeof PERMISSIONS)[number]

/**
 * Used only while GET /admin/api/me does not answer permissions (older server): the realm roles in the token
 * stand in, with the same meaning the server gives them.
 */
export const ROLE_PERMISSIONS: Record<string, readonly Permission[]> = {
  'school-admin': PERMISSIONS,
  'security-officer': PERMISSIONS.filter((p) => p !== 'settings:manage'),
  'department-admin': ['registrant:view', 'access-record:view'],
  'gate-guard': ['pass:verify'],
}

/** Roles from the most to the least powerful; the header shows the first one a user holds. */
export const ROLE_ORDER = ['school-admin', 'security-officer', 'department-admin', 'gate-guard'] as const

export function permissionsOfRoles(roles: readonly string[]): Permission[] {
  const granted = new Set<Permission>()
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role] ?? []) granted.add(p)
  return PERMISSIONS.filter((p) => granted.has(p))
}

export function mainRole(roles: readonly string[]): string | null {
  return ROLE_ORDER.find((r) => roles.includes(r)) ?? null
}

export type MenuGroup = 'overview' | 'organization' | 'registrants' | 'access' | 'account'

export interface MenuEntry {
  /** Route name; also the data-test hook `menu-<name>`. */
  name: string
  path: string
  group: MenuGroup
  /** Shown when the user holds any of these; empty = every signed-in staff member. */
  anyOf: readonly Permission[]
  /** Listed on the home page as a quick link. */
  quickLink?: boolean
}

export const MENU: readonly MenuEntry[] = [
  {
    name: 'home',
    path: '/home',
    group: 'overview',
    anyOf: ['organization:manage', 'registrant:view', 'access-record:view'],
  },
  { name: 'campuses', path: '/campuses', group: 'organization', anyOf: ['organization:manage'], quickLink: true },
  { name: 'gates', path: '/gates', group: 'organization', anyOf: ['organization:manage'], quickLink: true },
  { name: 'departments', path: '/departments', group: 'organization', anyOf: ['organization:manage'] },
  { name: 'gate-devices', path: '/gate-devices', group: 'organization', anyOf: ['device:manage'] },
  { name: 'registrants', path: '/registrants', group: 'registrants', anyOf: ['registrant:view'], quickLink: true },
  {
    name: 'registrant-import',
    path: '/registrants/import',
    group: 'registrants',
    anyOf: ['registrant:import'],
    quickLink: true,
  },
  { name: 'registrant-settings', path: '/registrants/settings', group: 'registrants', anyOf: ['settings:manage'] },
  {
    name: 'access-records',
    path: '/access-records',
    group: 'access',
    anyOf: ['access-record:view', 'access:record:view'],
    quickLink: true,
  },
  { name: 'verify-pass', path: '/verify', group: 'access', anyOf: ['pass:verify'], quickLink: true },
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
