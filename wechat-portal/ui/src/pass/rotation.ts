// The dynamic pass's life cycle, free of Vue: correct the phone's clock by the server's, fetch a new pass shortly
// before the current one expires (so a screenshot goes stale within one rotation window), retry after network
// trouble with backoff, and stop for good on an answer that a retry cannot change (no access, invalid link,
// session gone).
import { ApiError } from '@/api/errors'
import type { Pass } from '@/api/portal'

/** Ask for the next pass this long before the current one expires, so the code on screen is never expired. */
export const REFRESH_LEAD_MS = 1_000
/** Never ask again sooner than this (a pass that arrives nearly expired must not cause a request storm). */
export const MIN_REFRESH_DELAY_MS = 1_000
/** Waits between retries after a failed refresh; the last one repeats. */
export const RETRY_DELAYS_MS = [2_000, 4_000, 8_000, 15_000] as const

/**
 * Server clock minus phone clock, in ms. The server read its clock somewhere between sending and receiving, so
 * the midpoint of the round trip is the best estimate of "when" on the phone.
 */
export function clockOffset(serverTime: string, sentAt: number, receivedAt: number): number {
  const server = Date.parse(serverTime)
  if (Number.isNaN(server)) return 0
  return server - (sentAt + receivedAt) / 2
}

/** Milliseconds the pass has left, on the server's clock (negative once expired). */
export function remainingMs(pass: Pick<Pass, 'expiresAt'>, offsetMs: number, now: number): number {
  return Date.parse(pass.expiresAt) - (now + offsetMs)
}

/** When to fetch the next pass, in ms from now. */
export function refreshDelay(pass: Pick<Pass, 'expiresAt'>, offsetMs: number, now: number): number {
  return Math.max(remainingMs(pass, offsetMs, now) - REFRESH_LEAD_MS, MIN_REFRESH_DELAY_MS)
}

/** Errors that a retry cannot fix: the page must show them instead of retrying. */
export function isFinal(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false
  if (error.status === 408 || error.status === 429) return false
  return error.status >= 400 && error.status < 500
}

export interface RotationState {
  pass: Pass | null
  /** Server clock minus phone clock (ms). */
  offsetMs: number
  /** loading: no pass yet; ready: a pass is shown (it may be stale while retrying); failed: see error. */
  status: 'loading' | 'ready' | 'failed'
  /** True while a failed refresh is being retried. */
  retrying: boolean
  error: unknown
}

export interface RotatorOptions {
  now?: () => number
}

export class PassRotator {
  private readonly now: () => number
  private timer: ReturnType<typeof setTimeout> | undefined
  private inFlight = false
  private failures = 0
  private stopped = false
  readonly state: RotationState = { pass: null, offsetMs: 0, status: 'loading', retrying: false, error: null }

  constructor(
    private readonly fetchPass: () => Promise<Pass>,
    private readonly onChange: (state: RotationState) => void,
    options: RotatorOptions = {},
  ) {
    this.now = options.now ?? (() => Date.now())
  }

  /** Fetches the first pass; later ones follow by themselves until stop(). */
  start(): Promise<void> {
    this.stopped = false
    return this.load()
  }

  stop(): void {
    this.stopped = true
    this.clearTimer()
  }

  /** The server-corrected time. */
  serverNow(): number {
    return this.now() + this.state.offsetMs
  }

  /**
   * Called when the page becomes visible again: timers of a hidden page are throttled or frozen, so an expired
   * pass is replaced at once instead of when the late timer fires.
   */
  resume(): void {
    if (this.stopped || this.inFlight || this.state.status === 'failed') return
    const pass = this.state.pass
    if (!pass || remainingMs(pass, this.state.offsetMs, this.now()) <= REFRESH_LEAD_MS) {
      this.clearTimer()
      void this.load()
    }
  }

  /** Starts over after a failure (the page's retry button). */
  retry(): Promise<void> {
    this.clearTimer()
    this.failures = 0
    this.state.status = this.state.pass ? 'ready' : 'loading'
    this.state.error = null
    this.emit()
    return this.load()
  }

  private async load(): Promise<void> {
    if (this.inFlight || this.stopped) return
    this.inFlight = true
    const sentAt = this.now()
    try {
      const pass = await this.fetchPass()
      if (this.stopped) return
      const offset = clockOffset(pass.serverTime, sentAt, this.now())
      this.failures = 0
      Object.assign(this.state, { pass, offsetMs: offset, status: 'ready', retrying: false, error: null })
      this.emit()
      this.schedule(refreshDelay(pass, offset, this.now()))
    } catch (error) {
      if (this.stopped) return
      if (isFinal(error) || !this.state.pass) {
        // Nothing valid to show: the page shows the error (with a retry button for network trouble).
        Object.assign(this.state, {
          pass: isFinal(error) ? null : this.state.pass,
          status: 'failed',
          retrying: false,
          error,
        })
        this.emit()
        return
      }
      const wait = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)]
      this.failures++
      Object.assign(this.state, { retrying: true, error })
      this.emit()
      this.schedule(wait)
    } finally {
      this.inFlight = false
    }
  }

  private schedule(delay: number): void {
    this.clearTimer()
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.load()
    }, delay)
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
  }

  private emit(): void {
    this.onChange(this.state)
  }
}
