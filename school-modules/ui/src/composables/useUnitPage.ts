import { reactive, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import type { OrganizationUnit, UnitApi } from '@/api/organization'
import { useAction } from './useAction'

/**
 * What the campus, gate and department pages share: the list, the create/edit dialog, enable/disable (an edit
 * of `enabled`) and delete after confirmation (the server refuses units still in use, with a clear message).
 */
export function useUnitPage<T extends OrganizationUnit, D extends object>(
  api: UnitApi<T, D>,
  emptyDraft: () => D,
  query: () => Record<string, string | number | undefined> = () => ({}),
) {
  const { t } = useI18n()
  const items = shallowRef<T[]>([])
  const loading = ref(false)
  const dialogOpen = ref(false)
  const editingId = ref<number | null>(null)
  const draft = reactive(emptyDraft()) as D

  async function load(): Promise<void> {
    loading.value = true
    try {
      items.value = await api.list(query())
    } catch {
      // Shown by the API layer.
    } finally {
      loading.value = false
    }
  }

  const { busy, run, confirmThen } = useAction(load)

  function openCreate(): void {
    editingId.value = null
    Object.assign(draft, emptyDraft())
    dialogOpen.value = true
  }

  function openEdit(unit: T): void {
    editingId.value = unit.id
    Object.assign(draft, emptyDraft(), api.draftOf(unit))
    dialogOpen.value = true
  }

  async function save(d: D): Promise<void> {
    await (editingId.value === null ? api.create({ ...d }) : api.update(editingId.value, { ...d }))
  }

  function toggle(unit: T): Promise<boolean> {
    const enabled = !unit.enabled
    return run(
      `toggle:${unit.id}`,
      () => api.update(unit.id, { ...api.draftOf(unit), enabled }),
      enabled ? t('common.enabledDone') : t('common.disabledDone'),
    )
  }

  function remove(unit: T): Promise<boolean> {
    return confirmThen(
      `delete:${unit.id}`,
      t('common.deleteConfirm', { name: unit.name }),
      t('common.delete'),
      () => api.remove(unit.id),
      t('common.deleted'),
    )
  }

  async function saved(): Promise<void> {
    await load()
  }

  return { items, loading, load, busy, dialogOpen, editingId, draft, openCreate, openEdit, save, saved, toggle, remove }
}
