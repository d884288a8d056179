// The signed-in staff member (A7) and the home page counts (A2).
import { request } from './http'
import type { Me } from '@/staff'

export interface HomeStats {
  registrants: { total: number; registered: number }
  campuses: number
  gates: { total: number; enabled: number }
  access: { passedToday: number; deniedToday: number }
  /** Absent from older servers. */
  vehicles?: { pendingReviews: number; motor: number; nonMotor: number }
}

export const meApi = {
  get: () => request<Me>('/me'),
  update: (profile: { name: string; phone: string }) => request<Me>('/me', { method: 'PUT', body: profile }),
  home: () => request<HomeStats>('/home'),
}
