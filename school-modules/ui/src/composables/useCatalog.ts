import { computed, shallowRef } from 'vue'
import { campusesApi, departmentsApi, gatesApi, type Campus, type Department, type Gate } from '@/api/organization'

/** Campuses, gates and departments as choices for selects and filters, loaded once per page. */
export function useCatalog() {
  const campuses = shallowRef<Campus[]>([])
  const gates = shallowRef<Gate[]>([])
  const departments = shallowRef<Department[]>([])

  const campusName = (id: number | null | undefined) => campuses.value.find((c) => c.id === id)?.name ?? '—'
  const departmentName = (id: number | null | undefined) =>
    id == null ? '—' : (departments.value.find((d) => d.id === id)?.name ?? `#${id}`)
  /** "东校区 · 北门", for gate selects. */
  const gateLabel = (g: Gate) => `${campusName(g.campusId)} · ${g.name}`
  const gateOptions = computed(() => gates.value.map((g) => ({ value: g.id, label: gateLabel(g), enabled: g.enabled })))

  async function loadGates(): Promise<void> {
    const [c, g] = await Promise.all([campusesApi.list(), gatesApi.list()])
    campuses.value = c
    gates.value = g
  }

  async function loadDepartments(): Promise<void> {
    departments.value = await departmentsApi.list()
  }

  return {
    campuses,
    gates,
    departments,
    campusName,
    departmentName,
    gateLabel,
    gateOptions,
    loadGates,
    loadDepartments,
  }
}
