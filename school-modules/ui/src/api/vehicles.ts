// Vehicles (A4.3), registration review (A4.4) and e-bike QR labels: see VehicleController,
// VehicleReviewController, VehicleLabelController.
import { download, request } from './http'
import type { Page } from '@/composables/usePagedList'
import type { ImportJob } from './registrants'

export type VehicleType = 'MOTOR' | 'EBIKE'
export type RegistrationStatus = 'PENDING' | 'APPROVED' | 'REJECTED'
export const RELATIONS = ['SELF', 'SPOUSE', 'PARENT', 'CHILD', 'RELATIVE', 'FRIEND', 'EMPLOYER', 'OTHER'] as const
export type OwnerRelation = (typeof RELATIONS)[number]

export interface Vehicle {
  id: number
  type: VehicleType
  plate: string
  ownerName: string
  relation: OwnerRelation
  relationLabel: string
  registrantId: number | null
  registrantName: string | null
  registrantNumber: string | null
  registrantIdentity: string | null
  identityTypeId: number | null
  identityTypeName: string | null
  /** Always masked. */
  registrantPhone: string | null
  departmentId: number | null
  departmentName: string | null
  managedDepartmentId: number | null
  managedDepartmentName: string | null
  status: RegistrationStatus
  statusLabel: string
  rejectReason: string | null
  reviewedBy: string | null
  reviewedAt: string | null
  longTerm: boolean
  validUntil: string | null
  expired: boolean
  enabled: boolean
  labelPrintCount: number
  hasLicencePhoto: boolean
  hasVehiclePhoto: boolean
  source: string
  submittedAt: string
  createdAt: string
  updatedAt: string
  updatedBy: string | null
}

export interface VehicleDraft {
  type: VehicleType
  plate: string
  ownerName: string
  relation: OwnerRelation
  registrantId: number | null
  longTerm?: boolean
  validUntil?: string | null
}

export interface VehicleFilter {
  type: VehicleType | null
  status: RegistrationStatus | null
  enabled: boolean | null
  q: string
}

export interface ReviewFilter {
  type: VehicleType | null
  status: RegistrationStatus | null
  q: string
  identity: string | null
  /** [from, to] as yyyy-MM-dd, inclusive: the submission day. */
  dates: [string, string] | null
}

export interface LabelFilter {
  status: RegistrationStatus | null
  enabled: boolean | null
  printed: boolean | null
  q: string
}

export interface ExportJob {
  id: string
  status: 'RUNNING' | 'DONE' | 'FAILED'
  totalRows: number
  processedRows: number
  fileName: string
  downloadable: boolean
  error: string | null
  createdAt: string
  finishedAt: string | null
}

const blank = (s: string) => (s.trim() === '' ? undefined : s.trim())

export const vehiclesApi = {
  list: (f: VehicleFilter, page: number, size: number) =>
    request<Page<Vehicle>>('/vehicles', {
      query: { type: f.type, status: f.status, enabled: f.enabled, q: blank(f.q), page, size },
    }),
  get: (id: number) => request<Vehicle>(`/vehicles/${id}`),
  create: (draft: VehicleDraft) => request<Vehicle>('/vehicles', { method: 'POST', body: draft }),
  update: (id: number, draft: VehicleDraft) => request<Vehicle>(`/vehicles/${id}`, { method: 'PUT', body: draft }),
  setEnabled: (id: number, enabled: boolean) =>
    request<Vehicle>(`/vehicles/${id}/${enabled ? 'enable' : 'disable'}`, { method: 'POST' }),
  unlink: (id: number) => request<Vehicle>(`/vehicles/${id}/unlink`, { method: 'POST' }),
  remove: (id: number) => request<void>(`/vehicles/${id}`, { method: 'DELETE' }),
}

const reviewQuery = (f: ReviewFilter) => ({
  type: f.type,
  status: f.status,
  q: blank(f.q),
  identity: f.identity,
  from: f.dates?.[0],
  to: f.dates?.[1],
})

export const reviewsApi = {
  list: (f: ReviewFilter, page: number, size: number) =>
    request<Page<Vehicle> & { registered: number }>('/vehicle-reviews', { query: { ...reviewQuery(f), page, size } }),
  get: (id: number) => request<Vehicle>(`/vehicle-reviews/${id}`),
  add: (draft: VehicleDraft) => request<Vehicle>('/vehicle-reviews', { method: 'POST', body: draft }),
  approve: (id: number, validity: { longTerm?: boolean; validUntil?: string | null } = {}) =>
    request<Vehicle>(`/vehicle-reviews/${id}/approve`, { method: 'POST', body: validity }),
  reject: (id: number, reason: string) =>
    request<Vehicle>(`/vehicle-reviews/${id}/reject`, { method: 'POST', body: { reason } }),
  template: () => download('/vehicle-reviews/import/template'),
  startImport: (file: File) => {
    const form = new FormData()
    form.append('file', file)
    return request<{ id: string }>('/vehicle-reviews/import', { method: 'POST', body: form })
  },
  importJob: (id: string) => request<ImportJob>(`/vehicle-reviews/import/${id}`, { quiet: true }),
  importJobs: () => request<Page<ImportJob>>('/vehicle-reviews/import', { quiet: true }),
  problems: (id: string) => download(`/vehicle-reviews/import/${id}/problems`),
  startExport: (f: ReviewFilter) =>
    request<{ id: string }>('/vehicle-reviews/export', { method: 'POST', body: reviewQuery(f) }),
  exportJob: (id: string) => request<ExportJob>(`/vehicle-reviews/export/${id}`, { quiet: true }),
  exportFile: (id: string) => download(`/vehicle-reviews/export/${id}/file`),
}

export const labelsApi = {
  list: (f: LabelFilter, page: number, size: number) =>
    request<Page<Vehicle>>('/vehicle-labels', {
      query: { status: f.status, enabled: f.enabled, printed: f.printed, q: blank(f.q), page, size },
    }),
  print: (ids: number[]) => download('/vehicle-labels/print', { method: 'POST', body: { ids } }),
}
