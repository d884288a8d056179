import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'

/**
 * Row and page actions: run one at a time (busy = its key), tell success, reload; errors are shown by the API
 * layer. `confirm` first asks, for what cannot be undone.
 */
export function useAction(afterChange: () => unknown = () => undefined) {
  const { t } = useI18n()
  const busy = ref<string | null>(null)

  async function run(key: string, action: () => Promise<unknown>, done?: string): Promise<boolean> {
    busy.value = key
    try {
      await action()
      if (done) ElMessage.success(done)
      await afterChange()
      return true
    } catch {
      return false
    } finally {
      busy.value = null
    }
  }

  async function confirm(message: string, title: string): Promise<boolean> {
    try {
      await ElMessageBox.confirm(message, title, {
        type: 'warning',
        confirmButtonText: t('common.confirm'),
        cancelButtonText: t('common.cancel'),
      })
      return true
    } catch {
      return false
    }
  }

  async function confirmThen(
    key: string,
    message: string,
    title: string,
    action: () => Promise<unknown>,
    done?: string,
  ) {
    if (await confirm(message, title)) return run(key, action, done)
    return false
  }

  return { busy, run, confirm, confirmThen }
}
