import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { schoolsApi } from '@/api/schools'

/** Retry / suspend / resume shared by the list and the detail page; errors are shown by the API layer. */
export function useSchoolActions(afterChange: () => unknown) {
  const { t } = useI18n()
  const busy = ref<string | null>(null)

  async function run(key: string, action: () => Promise<unknown>, done: string): Promise<void> {
    busy.value = key
    try {
      await action()
      ElMessage.success(done)
      await afterChange()
    } catch {
      // Already shown by the API layer.
    } finally {
      busy.value = null
    }
  }

  async function suspend(code: string, name: string): Promise<void> {
    try {
      await ElMessageBox.confirm(t('detail.suspendConfirm', { name }), t('detail.suspend'), {
        type: 'warning',
        confirmButtonText: t('detail.suspend'),
        cancelButtonText: t('common.cancel'),
      })
    } catch {
      return // cancelled
    }
    await run(`suspend:${code}`, () => schoolsApi.suspend(code), t('detail.suspended'))
  }

  const resume = (code: string) => run(`resume:${code}`, () => schoolsApi.resume(code), t('detail.resumed'))
  const retry = (code: string) => run(`retry:${code}`, () => schoolsApi.retryOnboarding(code), t('detail.retried'))

  return { busy, suspend, resume, retry }
}
