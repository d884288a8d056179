// Helpers of the feedback and personal-info pages (R4.5, R4.10).

export const MAX_IMAGES = 4
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp']
/** The file picker's `accept` for photos. */
export const IMAGE_ACCEPT = IMAGE_TYPES.join(',')

/** yyyy-MM-dd HH:mm in China time, whatever the phone's zone. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/**
 * A first check before uploading, for a quick answer: 'size' or 'type' when the file is refused. The server reads
 * the real type from the bytes and has the last word.
 */
export function checkImage(file: { size: number; type: string }): 'size' | 'type' | null {
  if (file.size > MAX_IMAGE_BYTES) return 'size'
  if (file.type !== '' && !IMAGE_TYPES.includes(file.type)) return 'type'
  return null
}

/** The picked files of an uploader's list (items restored from a URL have none). */
export function pickedFiles(items: { file?: File | File[] }[]): File[] {
  return items.map((i) => i.file).filter((f): f is File => f instanceof File)
}
