// S3 访客数据 (staff analytics portal): the figures of /admin/api/visitor-stats/* and the period chips.
import { staffGet } from '@/staff/api'

export type Preset = 'ALL' | 'TODAY' | 'LAST_7_DAYS' | 'LAST_30_DAYS' | 'CUSTOM'

/** A chosen period: a preset, or CUSTOM with both dates (yyyy-mm-dd, Shanghai days). */
export interface Period {
  preset: Preset
  from?: string
  to?: string
}

/** S3.1 b/c: 全部 / 近7天 (default) / 近30天 / 自定义. */
export const TREND_PRESETS: Preset[] = ['ALL', 'LAST_7_DAYS', 'LAST_30_DAYS', 'CUSTOM']
/** S3.2–S3.4: 今天 (default) / 近7天 / 近30天 / 自定义. */
export const LIST_PRESETS: Preset[] = ['TODAY', 'LAST_7_DAYS', 'LAST_30_DAYS', 'CUSTOM']

export interface Overview {
  today: string
  totalVisits: number
  totalVisitPeople: number
  todayExpected: number
  todayExpectedPeople: number
  todayActual: number
  todayActualPeople: number
}

export interface DayRow {
  from: string
  to: string
  visits: number
  visitPeople: number
  bookings: number
}

export interface Daily {
  from: string
  to: string
  unit: 'DAY' | 'MONTH'
  items: DayRow[]
}

export interface DepartmentRow {
  departmentId: number | null
  departmentName: string | null
  actualBookings: number
  expectedBookings: number
  actualPeople: number
  expectedPeople: number
}

export interface LeaderRow {
  rank: number
  visitorId: number
  visitorName: string | null
  phoneMasked: string | null
  visits: number
  bookings: number
}

export interface GateRow {
  campusId: number
  campusName: string
  gateId: number
  gateName: string
  bookings: number
  people: number
}

export function periodParams(p: Period): Record<string, string | undefined> {
  return p.preset === 'CUSTOM' ? { preset: 'CUSTOM', from: p.from, to: p.to } : { preset: p.preset }
}

export const statsApi = {
  overview: () => staffGet<Overview>('/visitor-stats/overview'),
  daily: (p: Period) => staffGet<Daily>('/visitor-stats/daily', periodParams(p)),
  departments: (p: Period) =>
    staffGet<{ items: DepartmentRow[] }>('/visitor-stats/departments', periodParams(p)).then((r) => r.items),
  visitors: (p: Period) =>
    staffGet<{ items: LeaderRow[] }>('/visitor-stats/leaderboard', { ...periodParams(p), limit: 100 }).then(
      (r) => r.items,
    ),
  gates: (p: Period) => staffGet<{ items: GateRow[] }>('/visitor-stats/gates', periodParams(p)).then((r) => r.items),
}

/** A bucket's label: 12-01 for a day, 2026-12 for a month. */
export function bucketLabel(row: DayRow, unit: Daily['unit']): string {
  return unit === 'MONTH' ? row.from.slice(0, 7) : row.from.slice(5)
}
