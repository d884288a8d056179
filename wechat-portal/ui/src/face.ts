// The face upload page (R4.9): the photo is scaled down on the phone before it is sent, so a 12 MP camera photo
// travels as a few hundred kilobytes; the server checks it again from its bytes and has the last word.

/** Longer side of what the phone sends: the server keeps at most 1024 px, and detection needs far less. */
export const UPLOAD_MAX_SIDE = 1280
export const FACE_MAX_BYTES = 10 * 1024 * 1024
const FACE_TYPES = ['image/jpeg', 'image/png']

export interface MyFace {
  required: boolean
  uploaded: boolean
  url?: string | null
  checkedAt?: string | null
  urlExpiresAt?: string | null
}

/** The size to scale a width×height photo to so its longer side is at most `max` (never enlarged). */
export function targetSize(width: number, height: number, max = UPLOAD_MAX_SIDE): { width: number; height: number } {
  const longer = Math.max(width, height)
  if (longer <= max || longer === 0) return { width, height }
  const scale = max / longer
  return { width: Math.round(width * scale), height: Math.round(height * scale) }
}

/** A quick answer before uploading: 'size' or 'type' when the file is surely refused. */
export function checkFacePhoto(file: { size: number; type: string }): 'size' | 'type' | null {
  if (file.size > FACE_MAX_BYTES) return 'size'
  if (file.type !== '' && !FACE_TYPES.includes(file.type)) return 'type'
  return null
}

/**
 * The photo scaled down to UPLOAD_MAX_SIDE as a JPEG. The browser applies the EXIF orientation when it decodes
 * (`imageOrientation: 'from-image'`), so the pixels sent are upright. Where the browser cannot do this (no
 * createImageBitmap or canvas, as in old WebViews), the original goes as it is: the server applies the orientation
 * and scales it itself.
 */
export async function downscale(file: File): Promise<File> {
  if (typeof createImageBitmap !== 'function' || typeof document === 'undefined') return file
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
    const size = targetSize(bitmap.width, bitmap.height)
    if (size.width === bitmap.width && size.height === bitmap.height && file.size < 1024 * 1024) {
      bitmap.close()
      return file
    }
    const canvas = document.createElement('canvas')
    canvas.width = size.width
    canvas.height = size.height
    const context = canvas.getContext('2d')
    if (!context) return file
    context.drawImage(bitmap, 0, 0, size.width, size.height)
    bitmap.close()
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9))
    return blob ? new File([blob], 'face.jpg', { type: 'image/jpeg' }) : file
  } catch {
    return file
  }
}
