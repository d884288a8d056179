// Access records (A6.1), guard verification and gate devices.
import { request } from './http'
import type { Identity, Page } from './registrants'

export type PassMethod = 'GUARD' | 'DEVICE'
export type AccessResult = 'PASSED' | 'DENIED'

export interface AccessRecord {
  id: number
  name: string
  phone: string | null
  identity: Identity
  /** 身份类型 (A4.1), by its current name; null when none. */
  identityTypeName?: string | null
  number: string | null
  departmentName: string | null
  managedDepartmentName: string | null
  campusName: string | null
  gateName: string | null
  method: PassMethod
  result: AccessResult
  reason: string | null
  passedAt: string
}

export interface AccessRecordFilter {
  q?: string
  /** yyyy-MM-dd, inclusive. */
  from?: string
  to?: string
  departmentId?: number | null
  managedDepartmentId?: number | null
  identity?: Identity | ''
  gateId?: number | null
  method?: PassMethod | ''
  result?: AccessResult | ''
}

export interface Verification {
  allowed: boolean
  reason: string | null
  message: string | null
  person: {
    registrantId: number
    name: string
    identity: Identity
    number: string | null
    departmentName: string | null
    photoUrl: string | null
  } | null
  gate: { id: number; name: string; campusName: string } | null
  method: PassMethod
  recordId: number | null
  verifiedAt: string
}

export interface GateDevice {
  id: number
  name: string
  gateId: number
  gateName: string
  campusName: string
  keyId: string
  enabled: boolean
  createdBy: string
  createdAt: string
  lastUsedAt: string | null
}

export interface NewGateDevice extends GateDevice {
  /** Shown once, at creation; the server keeps only a hash. */
  secret: string
}

export const accessRecordsApi = {
  list: (filter: AccessRecordFilter, page: number, size: number) =>
    request<Page<Record<string, unknown>>>('/access-records', { query: { ...filter, page, size } }).then((p) => ({
      items: p.items.map(toAccessRecord),
      total: p.total,
    })),
}

export const verificationsApi = {
  verify: (code: string, gateId: number | null) =>
    request<Verification>('/pass-verifications', { method: 'POST', body: { code, gateId } }),
}

export const gateDevicesApi = {
  list: () => request<GateDevice[]>('/gate-devices'),
  create: (draft: { name: string; gateId: number | null }) =>
    request<{ device: GateDevice; secret: string }>('/gate-devices', { method: 'POST', body: draft }).then(
      (created): NewGateDevice => ({ ...created.device, secret: created.secret }),
    ),
  remove: (id: number) => request<void>(`/gate-devices/${id}`, { method: 'DELETE' }),
  enable: (id: number) => request<void>(`/gate-devices/${id}/enable`, { method: 'POST' }),
  disable: (id: number) => request<void>(`/gate-devices/${id}/disable`, { method: 'POST' }),
}

/**
 * Access records flat as the table shows them, whether the server nests person and gate (like a Verification)
 * or sends them flat.
 */
export function toAccessRecord(raw: Record<string, unknown>): AccessRecord {
  const person = (raw.person ?? {}) as Record<string, unknown>
  const gate = (raw.gate ?? {}) as Record<string, unknown>
  const pick = (...values: unknown[]) => values.find((v) => v !== undefined && v !== null) as never
  const result = pick(raw.result, raw.allowed === undefined ? undefined : raw.allowed ? 'PASSED' : 'DENIED')
  return {
    id: raw.id as number,
    name: pick(raw.name, person.name, ''),
    phone: pick(raw.phone, person.phone, null),
    identity: pick(raw.identity, person.identity),
    number: pick(raw.number, person.number, null),
    departmentName: pick(raw.departmentName, person.departmentName, null),
    managedDepartmentName: pick(raw.managedDepartmentName, person.managedDepartmentName, null),
    campusName: pick(raw.campusName, gate.campusName, null),
    gateName: pick(raw.gateName, gate.name, null),
    method: raw.method as PassMethod,
    result,
    reason: pick(raw.reason, null),
    passedAt: pick(raw.passedAt, raw.verifiedAt, raw.createdAt, ''),
  }
}
