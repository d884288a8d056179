// Vehicle gates: plate events recorded at gates marked for vehicles, and the marks themselves.
import { request } from './http'
import type { Identity, Page } from './registrants'

export type PlateDirection = 'IN' | 'OUT'
export type PlateDenial =
  | 'LOW_CONFIDENCE'
  | 'NOT_VEHICLE_GATE'
  | 'UNREGISTERED'
  | 'PENDING'
  | 'REJECTED'
  | 'EXPIRED'
  | 'DISABLED'
  | 'NO_GATE_ACCESS'
export const PLATE_DENIALS: PlateDenial[] = [
  'LOW_CONFIDENCE',
  'NOT_VEHICLE_GATE',
  'UNREGISTERED',
  'PENDING',
  'REJECTED',
  'EXPIRED',
  'DISABLED',
  'NO_GATE_ACCESS',
]

export interface VehicleAccessRecord {
  id: number
  plate: string
  direction: PlateDirection
  confidence: number
  vehicleType: 'MOTOR' | 'EBIKE' | null
  name: string | null
  number: string | null
  identity: Identity | null
  departmentName: string | null
  campusName: string | null
  gateName: string | null
  allowed: boolean
  reason: PlateDenial | null
  snapshotUrl: string | null
  eventAt: string
  recordedAt: string
}

export interface VehicleAccessRecordFilter {
  q: string
  from: string
  to: string
  gateId: number | null
  direction: PlateDirection | ''
  result: 'PASSED' | 'DENIED' | ''
  reason: PlateDenial | ''
  vehicleType: 'MOTOR' | 'EBIKE' | ''
  departmentId: number | null
}

export interface VehicleGate {
  gateId: number
  gateName: string
  campusId: number
  campusName: string
  enabled: boolean
  vehicleGate: boolean
}

export const vehicleAccessRecordsApi = {
  list: (filter: VehicleAccessRecordFilter, page: number, size: number) =>
    request<Page<VehicleAccessRecord>>('/vehicle-access-records', { query: { ...filter, page, size } }),
}

export const vehicleGatesApi = {
  list: () => request<VehicleGate[]>('/vehicle-gates'),
  mark: (gateId: number, vehicleGate: boolean) =>
    request<VehicleGate>(`/vehicle-gates/${gateId}`, { method: 'PUT', body: { vehicleGate } }),
}
