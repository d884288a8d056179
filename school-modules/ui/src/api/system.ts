// Roles (A3.6) and system users (A3.3): see RoleController and UserController.
import { request, type Query } from './http'
import type { Page } from '@/composables/usePagedList'

export type DataScope = 'SCHOOL' | 'DEPARTMENTS' | 'OWN'

export interface Role {
  id: number
  realmRole: string
  name: string
  description: string
  dataScope: DataScope
  enabled: boolean
  /** The seeded school administrator: always every permission, cannot be disabled or deleted. */
  protectedRole: boolean
  seeded: string | null
  createdAt: string
  updatedAt: string
  updatedBy: string | null
  holders: number
  /** Only on a single role (GET /roles/{id}). */
  permissions: string[] | null
}

export interface RoleDraft {
  name: string
  description: string
  dataScope: DataScope
  permissions: string[]
}

export interface PermissionMenuNode {
  menu: string
  nameZh: string
  nameEn: string
  permissions: { code: string; nameZh: string; nameEn: string }[]
}

export const rolesApi = {
  list: () => request<Role[]>('/roles'),
  get: (id: number) => request<Role>(`/roles/${id}`),
  tree: () => request<PermissionMenuNode[]>('/roles/permission-tree'),
  create: (draft: RoleDraft) => request<Role>('/roles', { method: 'POST', body: draft }),
  update: (id: number, draft: Partial<RoleDraft>) => request<Role>(`/roles/${id}`, { method: 'PUT', body: draft }),
  setEnabled: (id: number, enabled: boolean) =>
    request<Role>(`/roles/${id}/${enabled ? 'enable' : 'disable'}`, { method: 'POST' }),
  remove: (id: number) => request<void>(`/roles/${id}`, { method: 'DELETE' }),
}

export interface Named {
  id: number
  name: string
}

export interface StaffUser {
  id: string
  username: string
  name: string
  /** Masked in the list, whole on a single user. */
  phone: string | null
  phoneMasked: string | null
  position: Named | null
  roles: Named[]
  departments: Named[]
  enabled: boolean
  createdAt: string
  updatedAt: string
  updatedBy: string | null
  /** Bound to WeChat in the staff portal (S1); 解绑微信 clears it. */
  weChatBound?: boolean
}

export interface UserFilter {
  text: string
  roleId: number | null
  departmentId: number | null
  enabled: boolean | null
}

export interface UserDraft {
  username: string
  name: string
  phone: string
  roleIds: number[]
  positionId: number | null
  departmentIds: number[]
  /** Only when creating: the initial password, changed by the user at first sign-in. */
  password?: string
}

export const usersApi = {
  list: (filter: UserFilter, page: number, size: number) =>
    request<Page<StaffUser>>('/users', {
      query: {
        text: filter.text.trim() || undefined,
        roleId: filter.roleId,
        departmentId: filter.departmentId,
        enabled: filter.enabled,
        page,
        size,
      } as Query,
    }),
  get: (id: string) => request<StaffUser>(`/users/${id}`),
  create: (draft: UserDraft) => request<StaffUser>('/users', { method: 'POST', body: draft }),
  update: (id: string, draft: Omit<UserDraft, 'username' | 'password'>) =>
    request<StaffUser>(`/users/${id}`, { method: 'PUT', body: draft }),
  setEnabled: (id: string, enabled: boolean) =>
    request<StaffUser>(`/users/${id}/${enabled ? 'enable' : 'disable'}`, { method: 'POST' }),
  remove: (id: string) => request<void>(`/users/${id}`, { method: 'DELETE' }),
  resetPassword: (id: string, password: string) =>
    request<void>(`/users/${id}/reset-password`, { method: 'POST', body: { password } }),
  unbindWeChat: (id: string) => request<{ removed: string[] }>(`/users/${id}/unbind-wechat`, { method: 'POST' }),
}
