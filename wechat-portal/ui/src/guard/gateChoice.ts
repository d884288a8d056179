// Which gate the guard stands at: remembered per school on this phone, so a shift starts without choosing.
import type { Gate } from './api'

const PREFIX = 'campuspass.guard.gate.'

export function rememberedGate(school: string): number | null {
  try {
    const value = Number(localStorage.getItem(PREFIX + school))
    return Number.isInteger(value) && value > 0 ? value : null
  } catch {
    return null
  }
}

export function rememberGate(school: string, gateId: number): void {
  try {
    localStorage.setItem(PREFIX + school, String(gateId))
  } catch {
    // Private mode: the guard chooses again next time.
  }
}

/** The remembered gate if it still exists and is enabled; else the only enabled gate; else none (ask). */
export function pickGate(gates: readonly Gate[], remembered: number | null): Gate | null {
  const usable = gates.filter((g) => g.enabled !== false)
  const kept = usable.find((g) => g.id === remembered)
  if (kept) return kept
  return usable.length === 1 ? usable[0] : null
}

/** Keeps the newest `limit` entries, newest first. */
export function pushRecent<T>(list: readonly T[], item: T, limit = 10): T[] {
  return [item, ...list].slice(0, limit)
}
