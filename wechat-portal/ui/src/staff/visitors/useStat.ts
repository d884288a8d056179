import { ref, watch, type Ref } from 'vue'
import { errorMessage } from '@/api/errors'
import type { Period } from './stats'

/** Loads a statistic for the chosen period, again whenever the period changes. */
export function useStat<T>(initial: Period, load: (p: Period) => Promise<T>) {
  const period = ref<Period>(initial)
  const data = ref<T | null>(null) as Ref<T | null>
  const loading = ref(false)
  const error = ref<string | null>(null)
  let seq = 0

  async function reload(): Promise<void> {
    const mine = ++seq
    loading.value = true
    error.value = null
    try {
      const result = await load(period.value)
      if (mine === seq) data.value = result
    } catch (e) {
      if (mine === seq) error.value = errorMessage(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  watch(period, () => void reload(), { deep: true })
  return { period, data, loading, error, reload }
}
