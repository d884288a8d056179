// The signed-in staff member as the console uses them: profile and permissions from GET /admin/api/me, or,
// where that does not answer, what the token's realm roles imply.
import { reactive, readonly } from 'vue'
import { session } from '@/auth'
import { request } from '@/api/http'
import { permissionsOfRoles, type Permission } from '@/permissions'

export interface Me {
  username: string
  name: string | null
  phone: string | null
  roles: string[]
  permissions: string[]
  school: { code: string; name: string } | null
  /** The departments and position the school recorded for the user (A7); absent from older servers. */
  departments?: string[]
  position?: string | null
}

const state = reactive<{ me: Me | null; permissions: string[] }>({ me: null, permissions: [] })

export const staff = readonly(state)

export async function loadStaff(): Promise<void> {
  try {
    setMe(await request<Me>('/me', { quiet: true }))
  } catch {
    const user = session.user
    state.me = null
    state.permissions = permissionsOfRoles(user?.roles ?? [])
  }
}

export function setMe(me: Me): void {
  state.me = me
  state.permissions =
    Array.isArray(me.permissions) && me.permissions.length > 0 ? me.permissions : permissionsOfRoles(me.roles ?? [])
}

export function can(permission: Permission): boolean {
  return state.permissions.includes(permission)
}
