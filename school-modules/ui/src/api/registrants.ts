// Registrants (A4.2): list, edit, access rules, import and the school's identity settings.
import { download, request, type Query } from './http'

export const IDENTITIES = ['STUDENT', 'TEACHER', 'THIRD_PARTY', 'RESIDENT'] as const
export type Identity = (typeof IDENTITIES)[number]
/** Teachers can always register; the console never lets anyone close that identity. */
export const ALWAYS_OPEN: Identity = 'TEACHER'

export interface Page<T> {
  items: T[]
  total: number
}

export interface Registrant {
  id: number
  name: string
  identity: Identity
  /** 身份类型 (A4.1); null when none. */
  identityTypeId?: number | null
  identityTypeName?: string | null
  number: string
  /** Masked (138****5678); the whole number is a separate, audited call. */
  phone: string | null
  /** Masked (`****5X`); the whole value only through `idTail(id)`, which the server logs. */
  idTail: string | null
  departmentId: number
  managedDepartmentId: number | null
  /** Resolved by the server (absent from older servers). */
  departmentName?: string | null
  managedDepartmentName?: string | null
  enabled: boolean
  /** WeChat bound. Absent from older servers. */
  registered?: boolean
  visitorAuthorized?: boolean
  /** 机动车/电动自行车数量 (A4.3); absent until the server keeps vehicles. */
  carCount?: number | null
  ebikeCount?: number | null
  createdAt: string
}

export interface RegistrantFilter {
  identity?: Identity | ''
  departmentId?: number | null
  q?: string
  enabled?: boolean | null
  registered?: boolean | null
}

export interface RegistrantDraft {
  name: string
  identity: Identity
  identityTypeId: number | null
  number: string
  phone: string
  idTail: string
  departmentId: number | null
  managedDepartmentId: number | null
}

export interface AccessRules {
  campuses: {
    id: number
    name: string
    enabled: boolean
    gates: { id: number; name: string; enabled: boolean; allowed: boolean }[]
  }[]
}

export type BulkMode = 'REPLACE' | 'GRANT' | 'REVOKE'

export type ImportStatus = 'PENDING' | 'RUNNING' | 'DONE' | 'FAILED'

export interface ImportJob {
  id: string
  status: ImportStatus | string
  fileName: string
  totalRows: number
  processedRows: number
  importedRows: number
  rejectedRows: number
  problems: string[]
  problemRowsDownloadable: boolean
  error: string | null
  createdAt: string
  finishedAt: string | null
}

export interface SchoolSettings {
  openIdentities: Identity[]
  faceRequired: Record<string, boolean>
  /** Keyed by identity-type id (A4.1): a type's own face setting; types not listed follow their identity. */
  faceRequiredByTeacherType?: Record<string, boolean>
  /** R1: a WeChat account is first bound only after an SMS code to the registrant's registered phone. */
  smsAtFirstBinding?: boolean
  /** Days after a visitor's last booking or profile change until their personal data is erased (7–3650). */
  visitorRetentionDays?: number
  /** Months of access records kept (6–120); whole older months are dropped daily. 0 keeps them forever. */
  accessRetentionMonths?: number
}

/**
 * The list's filters as the bulk endpoint takes them: empty values dropped, and an explicit `all` when nothing is
 * left (the server refuses an empty filter, so that "everyone" is never chosen by accident).
 */
export function bulkFilter(filter: RegistrantFilter): RegistrantFilter & { all?: boolean } {
  const set = Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== '' && v !== null && v !== undefined),
  ) as RegistrantFilter
  return Object.keys(set).length === 0 ? { all: true } : set
}

const r = (id: number, rest = '') => `/registrants/${id}${rest}`

export const registrantsApi = {
  list: (filter: RegistrantFilter, page: number, size: number) =>
    request<Page<Registrant>>('/registrants', { query: { ...(filter as Query), page, size } }),
  get: (id: number) => request<Registrant>(r(id)),
  create: (draft: RegistrantDraft) => request<Registrant>('/registrants', { method: 'POST', body: draft }),
  update: (id: number, draft: RegistrantDraft) => request<Registrant>(r(id), { method: 'PUT', body: draft }),
  remove: (id: number) => request<void>(r(id), { method: 'DELETE' }),
  enable: (id: number) => request<void>(r(id, '/enable'), { method: 'POST' }),
  disable: (id: number) => request<void>(r(id, '/disable'), { method: 'POST' }),
  unbindWechat: (id: number) => request<void>(r(id, '/unbind-wechat'), { method: 'POST' }),
  authorizeVisitors: (id: number) => request<void>(r(id, '/visitor-authorization'), { method: 'POST' }),
  revokeVisitors: (id: number) => request<void>(r(id, '/visitor-authorization'), { method: 'DELETE' }),
  /** A4.2 e: every teacher may receive visitors; answers how many were newly authorized. */
  authorizeAllTeachers: () =>
    request<{ authorized: number }>('/registrants/visitor-authorization/all-teachers', { method: 'POST' }),
  phone: (id: number) => request<{ phone: string }>(r(id, '/phone')),
  idTail: (id: number) => request<{ idTail: string | null }>(r(id, '/id-tail')),
  accessRules: (id: number) => request<AccessRules>(r(id, '/access-rules')),
  saveAccessRules: (id: number, gateIds: number[]) =>
    request<AccessRules>(r(id, '/access-rules'), { method: 'PUT', body: { gateIds } }),
  bulkAccessRules: (filter: RegistrantFilter, gateIds: number[], mode: BulkMode) =>
    request<{ affected: number }>('/access-rules/bulk', { method: 'POST', body: { filter, gateIds, mode } }),
}

export const importsApi = {
  template: () => download('/registrants/import/template'),
  start: (file: File) => {
    const form = new FormData()
    form.append('file', file)
    return request<{ id: string }>('/registrants/import', { method: 'POST', body: form })
  },
  job: (id: string) => request<ImportJob>(`/registrants/import/${id}`, { quiet: true }),
  /** Older servers have no job list; the caller then shows only the current job. */
  jobs: () => request<ImportJob[] | Page<ImportJob>>('/registrants/import', { quiet: true }),
  problems: (id: string) => download(`/registrants/import/${id}/problems`),
}

export const settingsApi = {
  get: () => request<SchoolSettings>('/school/settings'),
  save: (settings: SchoolSettings) => request<SchoolSettings>('/school/settings', { method: 'PUT', body: settings }),
}

/** Only job states that still change; the page polls while a job is in one. */
export function importRunning(job: Pick<ImportJob, 'status'> | null): boolean {
  return job !== null && (job.status === 'PENDING' || job.status === 'RUNNING')
}

export function importPercent(job: Pick<ImportJob, 'status' | 'processedRows' | 'totalRows'>): number {
  if (!importRunning(job)) return 100
  if (!job.totalRows) return 0
  return Math.min(100, Math.floor((job.processedRows / job.totalRows) * 100))
}
