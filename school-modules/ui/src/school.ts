// Which school's console this is. The school is the realm that signs the staff member in; the browser learns
// it from ?school=<code> (the operator console and the school's own links carry it) and keeps it, so that
// /admin/ alone works on the next visit.

const STORAGE_KEY = 'campuspass.admin.school'

/** Same rule as the server's SchoolCode: lowercase letter first, then letters or digits, 2–30 characters. */
export const SCHOOL_CODE_PATTERN = /^[a-z][a-z0-9]{1,29}$/

export function isSchoolCode(value: string | null | undefined): value is string {
  return typeof value === 'string' && SCHOOL_CODE_PATTERN.test(value)
}

/**
 * The school code from the URL when it has a valid one (remembered for next time), else the remembered one,
 * else null. A malformed ?school= is ignored rather than remembered.
 */
export function resolveSchoolCode(search: string, storage: Storage | undefined = safeStorage()): string | null {
  const fromUrl = new URLSearchParams(search).get('school')?.trim().toLowerCase()
  if (isSchoolCode(fromUrl)) {
    rememberSchoolCode(fromUrl, storage)
    return fromUrl
  }
  const stored = read(storage)
  return isSchoolCode(stored) ? stored : null
}

export function rememberSchoolCode(code: string, storage: Storage | undefined = safeStorage()): void {
  try {
    storage?.setItem(STORAGE_KEY, code)
  } catch {
    // Private mode: the code lasts for this page only.
  }
}

export function forgetSchoolCode(storage: Storage | undefined = safeStorage()): void {
  try {
    storage?.removeItem(STORAGE_KEY)
  } catch {
    // Nothing remembered.
  }
}

/** The URL without ?school=, so the address bar and the router see the clean deep link. */
export function withoutSchoolParam(href: string): string {
  const url = new URL(href)
  url.searchParams.delete('school')
  return url.pathname + url.search + url.hash
}

function read(storage: Storage | undefined): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null
  } catch {
    return null
  }
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage
  } catch {
    return undefined
  }
}
