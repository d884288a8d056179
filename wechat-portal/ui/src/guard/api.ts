// The admin API calls of the guard page, with the guard's bearer token.
import { ApiError, readJson, toApiError } from '@/api/errors'
import { currentLocale } from '@/i18n'
import { guardLogin, guardToken } from './keycloak'

export interface Gate {
  id: number
  name: string
  campusId?: number
  campusName?: string | null
  enabled?: boolean
}

export type DenyReason =
  'PASS_UNKNOWN' | 'PASS_EXPIRED' | 'PASS_WRONG_GATE' | 'NO_ACCESS' | 'REGISTRANT_DISABLED' | 'GATE_DISABLED'

export interface Verification {
  allowed: boolean
  reason: DenyReason | null
  message: string | null
  person: {
    registrantId: number
    name: string
    identity: string
    number: string
    departmentName?: string | null
    photoUrl?: string | null
  } | null
  gate: { id: number; name: string; campusName?: string | null } | null
  method: 'GUARD' | 'DEVICE'
  recordId: number | null
  verifiedAt: string
}

async function adminRequest<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLocale() === 'en' ? 'en' : 'zh-CN',
    Authorization: `Bearer ${await guardToken()}`,
  }
  let body: string | undefined
  if (init.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(init.body)
  }
  const response = await fetch('/admin/api' + path, { method: init.method ?? 'GET', headers, body })
  if (response.status === 401) {
    void guardLogin()
  }
  if (!response.ok) throw await toApiError(response)
  return readJson<T>(response)
}

/** The gates list may come as an array or as a page ({items}); both are accepted. */
export async function listGates(): Promise<Gate[]> {
  const body = await adminRequest<Gate[] | { items: Gate[] }>('/gates')
  return Array.isArray(body) ? body : (body?.items ?? [])
}

export interface Campus {
  id: number
  name: string
}

/** Campus names label the gates; a guard who may not list campuses still sees the gate names. */
export async function listCampuses(): Promise<Campus[]> {
  try {
    const body = await adminRequest<Campus[] | { items: Campus[] }>('/campuses')
    return Array.isArray(body) ? body : (body?.items ?? [])
  } catch {
    return []
  }
}

export function verifyPass(code: string, gateId: number | null): Promise<Verification> {
  return adminRequest<Verification>('/pass-verifications', {
    method: 'POST',
    body: gateId === null ? { code } : { code, gateId },
  })
}

export { ApiError }
