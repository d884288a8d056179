// Campuses, gates and departments (A3.1, A3.2): see CampusController, GateController, DepartmentController.
import { download, request, type Query } from './http'

export interface OrganizationUnit {
  id: number
  name: string
  enabled: boolean
  sortOrder: number
  createdAt: string
}

export interface Campus extends OrganizationUnit {
  address: string | null
}

export interface Gate extends OrganizationUnit {
  campusId: number
}

export interface Department extends OrganizationUnit {
  parentId: number | null
}

export interface CampusDraft {
  name: string
  address?: string | null
  sortOrder?: number | null
  enabled?: boolean
}

export interface GateDraft {
  campusId: number | null
  name: string
  sortOrder?: number | null
  enabled?: boolean
}

export interface DepartmentDraft {
  name: string
  parentId?: number | null
  sortOrder?: number | null
  enabled?: boolean
}

/** The five calls every organization resource answers; enabling is an edit of `enabled`. */
export interface UnitApi<T extends OrganizationUnit, D> {
  list(query?: Query): Promise<T[]>
  create(draft: D): Promise<T>
  update(id: number, draft: D): Promise<T>
  remove(id: number): Promise<void>
  /** The draft that recreates `unit` as it is, for toggling `enabled` without touching the rest. */
  draftOf(unit: T): D
}

function unitApi<T extends OrganizationUnit, D>(base: string, draftOf: (unit: T) => D): UnitApi<T, D> {
  return {
    list: (query) => request<T[]>(base, { query }),
    create: (draft) => request<T>(base, { method: 'POST', body: draft }),
    update: (id, draft) => request<T>(`${base}/${id}`, { method: 'PUT', body: draft }),
    remove: (id) => request<void>(`${base}/${id}`, { method: 'DELETE' }),
    draftOf,
  }
}

export const campusesApi = unitApi<Campus, CampusDraft>('/campuses', (c) => ({
  name: c.name,
  address: c.address,
  sortOrder: c.sortOrder,
  enabled: c.enabled,
}))

export const gatesApi = unitApi<Gate, GateDraft>('/gates', (g) => ({
  campusId: g.campusId,
  name: g.name,
  sortOrder: g.sortOrder,
  enabled: g.enabled,
}))

export const departmentsApi = unitApi<Department, DepartmentDraft>('/departments', (d) => ({
  name: d.name,
  parentId: d.parentId,
  sortOrder: d.sortOrder,
  enabled: d.enabled,
}))

export type PosterOrientation = 'LANDSCAPE' | 'PORTRAIT'
export type PosterFormat = 'PNG' | 'PDF'

export function gatePoster(id: number, orientation: PosterOrientation, format: PosterFormat) {
  return download(`/gates/${id}/poster`, { query: { orientation, format } })
}
