// The state of a violation leaderboard page (A6.5, A6.6): the filters, the rows, the period the server counted, and
// the first load on the current term (the term today falls in, Asia/Shanghai), or on the whole history when today
// is in no term. Any later change of a filter loads again.
import { onMounted, ref, watch, type Ref } from 'vue'
import { termOf } from '@/api/organization'
import type { Board, BoardPeriod, BoardQuery } from '@/api/violations'

/** Today's date in the school's zone, yyyy-MM-dd. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now)
}

export function useBoard<Q extends BoardQuery, R>(initial: Q, fetch: (q: Q) => Promise<Board<R>>) {
  const query = ref(initial) as Ref<Q>
  const rows = ref<R[]>([]) as Ref<R[]>
  const total = ref(0)
  const period = ref<BoardPeriod | null>(null)
  const loading = ref(false)
  let ready = false

  async function load(): Promise<void> {
    loading.value = true
    try {
      const board = await fetch(query.value)
      rows.value = board.items
      total.value = board.total
      period.value = board.period
    } catch {
      // Shown by the API layer.
    } finally {
      loading.value = false
    }
  }

  watch(query, () => ready && void load(), { deep: true })
  onMounted(async () => {
    let termId: number | null = null
    try {
      termId = (await termOf(todayInShanghai(), true)).termId
    } catch {
      // No term today: the whole history.
    }
    ready = true
    if (termId !== null && query.value.termId == null) query.value = { ...query.value, termId }
    else await load()
  })

  return { query, rows, total, period, loading, load }
}
