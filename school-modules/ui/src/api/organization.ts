// Campuses, gates, departments and positions (A3.1, A3.2), academic years and terms (A3.5): see CampusController,
// GateController, DepartmentController, PositionController, AcademicYearController, TermController.
import { download, request, type Query } from './http'

export interface OrganizationUnit {
  id: number
  name: string
  enabled: boolean
  sortOrder: number
  createdAt: string
  updatedAt: string
  /** Who changed it last (操作人). */
  updatedBy: string | null
}

export interface Campus extends OrganizationUnit {
  address: string | null
}

export interface Gate extends OrganizationUnit {
  campusId: number
}

export interface Department extends OrganizationUnit {
  parentId: number | null
  description: string | null
}

export interface Position extends OrganizationUnit {
  description: string | null
}

export interface AcademicYear extends OrganizationUnit {
  /** yyyy-MM-dd, both ends inclusive. */
  startDate: string
  endDate: string
}

export interface Term extends OrganizationUnit {
  academicYearId: number
  academicYearName: string
  startDate: string
  endDate: string
}

/** The answer of GET /terms/of: the term a day falls in, with its year. */
export interface TermOfDate {
  termId: number
  termName: string
  academicYearId: number
  academicYearName: string
  startDate: string
  endDate: string
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
  description?: string | null
  sortOrder?: number | null
  enabled?: boolean
}

export interface PositionDraft {
  name: string
  description?: string | null
  sortOrder?: number | null
  enabled?: boolean
}

export interface AcademicYearDraft {
  name: string
  startDate: string | null
  endDate: string | null
  sortOrder?: number | null
  enabled?: boolean
}

export interface TermDraft {
  academicYearId: number | null
  name: string
  startDate: string | null
  endDate: string | null
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
  description: d.description,
  sortOrder: d.sortOrder,
  enabled: d.enabled,
}))

export const positionsApi = unitApi<Position, PositionDraft>('/positions', (p) => ({
  name: p.name,
  description: p.description,
  sortOrder: p.sortOrder,
  enabled: p.enabled,
}))

export const academicYearsApi = unitApi<AcademicYear, AcademicYearDraft>('/academic-years', (y) => ({
  name: y.name,
  startDate: y.startDate,
  endDate: y.endDate,
  sortOrder: y.sortOrder,
  enabled: y.enabled,
}))

export const termsApi = unitApi<Term, TermDraft>('/terms', (t) => ({
  academicYearId: t.academicYearId,
  name: t.name,
  startDate: t.startDate,
  endDate: t.endDate,
  sortOrder: t.sortOrder,
  enabled: t.enabled,
}))

/** The term `date` (yyyy-MM-dd) falls in; refused with NO_TERM_ON_DATE when none. */
export function termOf(date: string, quiet = false) {
  return request<TermOfDate>('/terms/of', { query: { date }, quiet })
}

export type PosterOrientation = 'LANDSCAPE' | 'PORTRAIT'
export type PosterFormat = 'PNG' | 'PDF'

export function gatePoster(id: number, orientation: PosterOrientation, format: PosterFormat) {
  return download(`/gates/${id}/poster`, { query: { orientation, format } })
}
