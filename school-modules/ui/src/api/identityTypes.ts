// Identity types (A4.1, 身份类型): sub-types of a registrant identity, e.g. 在编教师 under teacher.
import { request, type Query } from './http'
import type { Identity } from './registrants'

export interface IdentityType {
  id: number
  name: string
  identity: Identity
  enabled: boolean
  /** Registrants that hold the type; a type in use cannot be deleted. */
  registrants: number
  /** The type's own face setting (school settings), null when it follows its identity. */
  faceRequiredOverride: boolean | null
  /** What applies to its registrants. */
  faceRequired: boolean
  createdAt: string
  updatedBy: string | null
}

export interface IdentityTypeDraft {
  name: string
  identity: Identity
  enabled?: boolean
}

export interface IdentityTypeFilter {
  identity?: Identity | ''
  enabled?: boolean | null
  q?: string
}

const base = '/identity-types'

export const identityTypesApi = {
  list: (filter: IdentityTypeFilter = {}) => request<IdentityType[]>(base, { query: filter as Query }),
  create: (draft: IdentityTypeDraft) => request<IdentityType>(base, { method: 'POST', body: draft }),
  update: (id: number, draft: IdentityTypeDraft) =>
    request<IdentityType>(`${base}/${id}`, { method: 'PUT', body: draft }),
  enable: (id: number) => request<IdentityType>(`${base}/${id}/enable`, { method: 'POST' }),
  disable: (id: number) => request<IdentityType>(`${base}/${id}/disable`, { method: 'POST' }),
  remove: (id: number) => request<void>(`${base}/${id}`, { method: 'DELETE' }),
}

/** 教师 · 在编教师, or just 教师 when the registrant has no type. */
export function identityLabel(identityText: string, typeName: string | null | undefined): string {
  return typeName ? `${identityText} · ${typeName}` : identityText
}
