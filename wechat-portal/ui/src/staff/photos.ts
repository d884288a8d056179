// Proof photos of a new ticket (S2) are taken with the phone's camera and shrunk on the phone before upload: JPEG,
// long side at most 1600 px, so three photos go up quickly over a mobile link (the server takes up to 5 MB each).

export const MAX_SIDE = 1600
export const JPEG_QUALITY = 0.82

/** The size a w×h image is drawn at so its long side is at most `max` (never enlarged). */
export function fitWithin(width: number, height: number, max = MAX_SIDE): { width: number; height: number } {
  const long = Math.max(width, height)
  if (long <= max || long === 0) return { width, height }
  const scale = max / long
  return { width: Math.round(width * scale), height: Math.round(height * scale) }
}

function loadImage(file: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file)
    const image = new Image()
    image.onload = () => {
      URL.revokeObjectURL(url)
      resolve(image)
    }
    image.onerror = () => {
      URL.revokeObjectURL(url)
      reject(new Error('image'))
    }
    image.src = url
  })
}

/** The photo as a JPEG whose long side is at most {@link MAX_SIDE}; the original when the browser cannot draw it. */
export async function compressPhoto(file: Blob): Promise<Blob> {
  let image: HTMLImageElement
  try {
    image = await loadImage(file)
  } catch {
    return file
  }
  const size = fitWithin(image.naturalWidth, image.naturalHeight)
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  const context = canvas.getContext('2d')
  if (!context) return file
  context.drawImage(image, 0, 0, size.width, size.height)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY))
  return blob ?? file
}
