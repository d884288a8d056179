// Helpers of the visitor pages: sign-in through WeChat into a visitor session, labels and status colours.
import { navigation } from '@/auth/navigation'
import { PORTAL_BASE, wechatAuthorizeUrl } from '@/auth/flow'
import { ApiError } from '@/api/errors'
import { loadVisitorToken, type BookingStatus } from '@/api/visitor'

/** Sends the browser through WeChat OAuth when there is no visitor session; true when one is there. */
export function ensureVisitor(school: string, fullPath: string): boolean {
  if (loadVisitorToken(school)) return true
  navigation.assign(wechatAuthorizeUrl(school, PORTAL_BASE + fullPath))
  return false
}

export function visitorSignInNeeded(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401
}

export const STATUS_TAG: Record<BookingStatus, 'primary' | 'success' | 'warning' | 'danger' | 'default'> = {
  PENDING_APPROVAL: 'warning',
  PENDING_CONFIRMATION: 'warning',
  APPROVED: 'success',
  VISITED: 'primary',
  REJECTED: 'danger',
  CANCELLED: 'default',
  EXPIRED: 'default',
}

/** The next days a visit can be booked for (today first), as yyyy-MM-dd in the school's time zone. */
export function nextDays(count: number, from: Date = new Date()): string[] {
  const days: string[] = []
  for (let i = 0; i < count; i++) {
    const d = new Date(from.getTime() + i * 86_400_000)
    days.push(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d))
  }
  return days
}

/** Where a visitor goes from a registrant page: a gate poster's page becomes the visitor pass, else the visitor home. */
export function visitorTarget(school: string, returnTo: string): string {
  const gate = new RegExp(`^${PORTAL_BASE}/${school}/gate/(\\d+)(\\?.*)?$`).exec(returnTo)
  if (gate) return `${PORTAL_BASE}/${school}/visitor/gate/${gate[1]}${gate[2] ?? ''}`
  return `${PORTAL_BASE}/${school}/visitor`
}
