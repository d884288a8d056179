import { reactive, ref, shallowRef } from 'vue'

export interface Page<T> {
  items: T[]
  total: number
}

/**
 * A server-paged table: filters, page (1-based for ElPagination, 0-based on the wire), loading state. Errors are
 * shown by the API layer; a failed load keeps the previous rows.
 */
export function usePagedList<T, F extends object>(
  fetchPage: (filter: F, page: number, size: number) => Promise<Page<T>>,
  initialFilter: F,
  pageSize = 20,
) {
  const filter = reactive({ ...initialFilter }) as F
  const items = shallowRef<T[]>([])
  const total = ref(0)
  const page = ref(1)
  const size = ref(pageSize)
  const loading = ref(false)
  /** The conditions the rows on screen were found with (the inputs may have changed since). */
  const applied = shallowRef<F>({ ...initialFilter })
  let latest = 0

  async function load(): Promise<void> {
    const ticket = ++latest
    loading.value = true
    try {
      const conditions = { ...filter } as F
      const result = await fetchPage(conditions, page.value - 1, size.value)
      if (ticket !== latest) return // a newer search answered first
      applied.value = conditions
      items.value = result.items
      total.value = result.total
    } catch {
      // Shown by the API layer.
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  /** New conditions start again at the first page. */
  function search(): Promise<void> {
    page.value = 1
    return load()
  }

  function reset(): Promise<void> {
    Object.assign(filter, initialFilter)
    return search()
  }

  return { filter, applied, items, total, page, size, loading, load, search, reset }
}
