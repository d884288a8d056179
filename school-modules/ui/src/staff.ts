// The signed-in staff member as the console uses them: profile, role names and permissions from
// GET /admin/api/me. Without an answer the console shows nothing beyond the profile: it never guesses permissions
// from role names (a role's name grants nothing; the school decides what each role may do).
import { reactive, readonly } from 'vue'
import { request } from '@/api/http'
import type { Permission } from '@/permissions'

export interface Me {
  username: string
  name: string | null
  phone: string | null
  /** Realm role keys of the enabled roles held. */
  roles: string[]
  /** The school's names of those roles (学校管理员, or a custom role's name). */
  roleNames?: string[]
  permissions: string[]
  /** Whose records the user sees: the whole school, the departments they run, or only their own. */
  dataScope?: 'SCHOOL' | 'DEPARTMENTS' | 'OWN'
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
    state.me = null
    state.permissions = []
  }
}

export function setMe(me: Me): void {
  state.me = me
  state.permissions = Array.isArray(me.permissions) ? me.permissions : []
}

export function can(permission: Permission): boolean {
  return state.permissions.includes(permission)
}
