import { onBeforeUnmount, ref } from 'vue'
import type { ExportJob } from '@/api/vehicles'
import { saveBlob } from '@/download'

/**
 * A background export the page starts, follows (every second while RUNNING) and downloads when done. Errors are
 * shown by the API layer.
 */
export function useExportJob(api: {
  start: () => Promise<{ id: string }>
  job: (id: string) => Promise<ExportJob>
  file: (id: string) => Promise<{ blob: Blob; fileName: string | null } | null>
}) {
  const job = ref<ExportJob | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined

  async function follow(id: string): Promise<void> {
    const found = await api.job(id).catch(() => null)
    if (found) job.value = found
    if (!found || found.status === 'RUNNING') timer = setTimeout(() => void follow(id), 1000)
  }

  async function start(): Promise<void> {
    try {
      const { id } = await api.start()
      job.value = null
      void follow(id)
    } catch {
      // Shown by the API layer.
    }
  }

  async function download(): Promise<void> {
    const current = job.value
    if (!current) return
    const file = await api.file(current.id).catch(() => null)
    if (file) saveBlob(file.blob, file.fileName ?? current.fileName)
  }

  const percent = (done: number, all: number) => (all > 0 ? Math.min(100, Math.round((done * 100) / all)) : 0)

  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer)
  })

  return { job, start, download, percent }
}
