import { computed } from 'vue'
import { useRoute } from 'vue-router'

/** The school code of the current route (validated by the router before any view renders). */
export function useSchool() {
  const route = useRoute()
  return computed(() => String(route.params.school ?? ''))
}
