import { onBeforeUnmount, ref } from 'vue'
import { importRunning, importsApi, type ImportJob } from '@/api/registrants'

/**
 * Follows one import job: polls GET /registrants/import/{id} every `intervalMs` while it runs and stops when it
 * is done, failed, replaced or the page goes away. A failed poll is retried at the next tick.
 */
export function useImportProgress(onFinished: (job: ImportJob) => unknown = () => undefined, intervalMs = 1000) {
  const job = ref<ImportJob | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let following: string | null = null

  function stop(): void {
    if (timer) clearTimeout(timer)
    timer = undefined
    following = null
  }

  async function poll(id: string): Promise<void> {
    try {
      const current = await importsApi.job(id)
      if (following !== id) return
      job.value = current
      if (!importRunning(current)) {
        stop()
        await onFinished(current)
        return
      }
    } catch {
      if (following !== id) return
    }
    timer = setTimeout(() => void poll(id), intervalMs)
  }

  function follow(id: string): Promise<void> {
    stop()
    following = id
    job.value = null
    return poll(id)
  }

  onBeforeUnmount(stop)

  return { job, follow, stop }
}
