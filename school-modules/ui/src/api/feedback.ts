// Registrant feedback and feedback types (A3.4): see FeedbackController, FeedbackTypeController.
import { request } from './http'
import type { Page } from '@/composables/usePagedList'

export interface FeedbackType {
  id: number
  name: string
  description: string | null
  enabled: boolean
  sortOrder: number
  updatedBy: string | null
  createdAt: string
}

export interface FeedbackTypeDraft {
  name: string
  description?: string | null
  sortOrder?: number | null
  enabled?: boolean
}

export interface Feedback {
  id: number
  typeId: number
  typeName: string
  title: string
  details: string
  name: string
  number: string
  identity: string
  identityTypeId: number | null
  departmentId: number | null
  departmentName: string | null
  managedDepartmentId: number | null
  managedDepartmentName: string | null
  replied: boolean
  reply: string | null
  repliedBy: string | null
  repliedAt: string | null
  createdAt: string
  imageCount: number
  images: { url: string; contentType: string }[]
}

export interface FeedbackFilter {
  typeId: number | null
  replied: boolean | null
  /** [from, to] as yyyy-MM-dd, inclusive. */
  dates: [string, string] | null
}

export const feedbackApi = {
  list: (f: FeedbackFilter, page: number, size: number) =>
    request<Page<Feedback>>('/feedback', {
      query: {
        typeId: f.typeId,
        replied: f.replied,
        from: f.dates?.[0],
        to: f.dates?.[1],
        page,
        size,
      },
    }),
  get: (id: number) => request<Feedback>(`/feedback/${id}`),
  reply: (id: number, reply: string) => request<Feedback>(`/feedback/${id}/reply`, { method: 'POST', body: { reply } }),
}

export const feedbackTypesApi = {
  list: () => request<FeedbackType[]>('/feedback-types'),
  create: (draft: FeedbackTypeDraft) => request<FeedbackType>('/feedback-types', { method: 'POST', body: draft }),
  update: (id: number, draft: FeedbackTypeDraft) =>
    request<FeedbackType>(`/feedback-types/${id}`, { method: 'PUT', body: draft }),
  setEnabled: (id: number, enabled: boolean) =>
    request<FeedbackType>(`/feedback-types/${id}/${enabled ? 'enable' : 'disable'}`, { method: 'POST' }),
  remove: (id: number) => request<void>(`/feedback-types/${id}`, { method: 'DELETE' }),
}
