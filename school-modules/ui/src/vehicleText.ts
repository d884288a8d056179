// How vehicle values read in tables and details (shared by the vehicle, review and label pages).
import type { RegistrationStatus, Vehicle } from '@/api/vehicles'

type T = (key: string, params?: Record<string, unknown>) => string

/** E-bikes only: 长期有效, a date, or the date marked expired; motor vehicles have none. */
export function validityText(
  v: Pick<Vehicle, 'type' | 'status' | 'longTerm' | 'validUntil' | 'expired'>,
  t: T,
): string {
  if (v.type !== 'EBIKE' || v.status !== 'APPROVED') return '—'
  if (v.longTerm) return t('vehicle.longTerm')
  if (!v.validUntil) return '—'
  return v.expired ? t('vehicle.expiredOn', { date: v.validUntil }) : v.validUntil
}

export function statusTagType(status: RegistrationStatus): 'success' | 'warning' | 'danger' {
  return status === 'APPROVED' ? 'success' : status === 'PENDING' ? 'warning' : 'danger'
}
