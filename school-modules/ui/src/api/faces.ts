// Face update records and face exports (A4.5): see FaceController.
import { download, request } from './http'
import type { Page } from '@/composables/usePagedList'

export type FaceSource = 'PORTAL' | 'CONSOLE' | 'IMPORT'

export interface FaceUpdate {
  id: number
  registrantId: number
  name: string
  number: string
  phoneMasked: string | null
  identity: string
  identityTypeId: number | null
  identityTypeName: string | null
  departmentId: number | null
  departmentName: string | null
  managedDepartmentId: number | null
  managedDepartmentName: string | null
  /** Presigned, valid for a few minutes; null for a first upload. */
  oldFaceUrl: string | null
  newFaceUrl: string
  source: FaceSource
  operator: string
  updatedAt: string
}

export interface FaceFilter {
  keyword: string
  identity: string | null
  source: FaceSource | null
  /** [from, to] as yyyy-MM-dd, inclusive. */
  dates: [string, string] | null
}

export interface FaceExport {
  id: string
  status: 'RUNNING' | 'DONE' | 'FAILED'
  filter: string | null
  total: number
  done: number
  error: string | null
  createdBy: string
  createdAt: string
  finishedAt: string | null
}

function query(f: FaceFilter) {
  return {
    keyword: f.keyword.trim() || undefined,
    identity: f.identity,
    source: f.source,
    from: f.dates?.[0],
    to: f.dates?.[1],
  }
}

export const facesApi = {
  list: (f: FaceFilter, page: number, size: number) =>
    request<Page<FaceUpdate>>('/faces/updates', { query: { ...query(f), page, size } }),
  /** Exports the records the filter selects; `null` exports all records in the caller's scope. */
  startExport: (f: FaceFilter | null) =>
    request<FaceExport>('/faces/exports', { method: 'POST', query: f ? query(f) : {} }),
  exports: () => request<FaceExport[]>('/faces/exports'),
  export: (id: string) => request<FaceExport>(`/faces/exports/${id}`),
  download: (id: string) => download(`/faces/exports/${id}/download`),
}
