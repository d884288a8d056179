import { reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { registrantsApi, type Registrant } from '@/api/registrants'
import { useAction } from './useAction'

/** The row actions of the registrant list (A4.2); each reloads the list when it succeeds. */
export function useRegistrantActions(reload: () => unknown) {
  const { t } = useI18n()
  const { busy, run, confirmThen } = useAction(reload)
  /** Whole phone numbers the user chose to see, by registrant id (each look is logged by the server). */
  const fullPhones = reactive<Record<number, string>>({})
  /** Whole 身份证后六位 the user chose to see (half of the portal login: each look is logged too). */
  const fullIdTails = reactive<Record<number, string>>({})

  const toggle = (r: Registrant) =>
    r.enabled
      ? confirmThen(
          `toggle:${r.id}`,
          t('registrant.disableConfirm', { name: r.name }),
          t('common.disable'),
          () => registrantsApi.disable(r.id),
          t('common.disabledDone'),
        )
      : run(`toggle:${r.id}`, () => registrantsApi.enable(r.id), t('common.enabledDone'))

  const remove = (r: Registrant) =>
    confirmThen(
      `delete:${r.id}`,
      t('common.deleteConfirm', { name: r.name }),
      t('common.delete'),
      () => registrantsApi.remove(r.id),
      t('common.deleted'),
    )

  const unbindWechat = (r: Registrant) =>
    confirmThen(
      `unbind:${r.id}`,
      t('registrant.unbindConfirm', { name: r.name }),
      t('registrant.unbindWechat'),
      () => registrantsApi.unbindWechat(r.id),
      t('registrant.unbound'),
    )

  const toggleVisitors = (r: Registrant) =>
    r.visitorAuthorized
      ? confirmThen(
          `visitors:${r.id}`,
          t('registrant.revokeVisitorsConfirm', { name: r.name }),
          t('registrant.revokeVisitors'),
          () => registrantsApi.revokeVisitors(r.id),
          t('registrant.visitorsRevoked'),
        )
      : run(`visitors:${r.id}`, () => registrantsApi.authorizeVisitors(r.id), t('registrant.visitorsAuthorized'))

  /** A4.2 e: visitor authorization for every teacher at once, after a confirmation. */
  async function authorizeAllTeachers(): Promise<boolean> {
    let authorized = 0
    const done = await confirmThen(
      'all-teachers',
      t('registrant.allTeachersVisitorsConfirm'),
      t('registrant.allTeachersVisitors'),
      async () => {
        authorized = (await registrantsApi.authorizeAllTeachers()).authorized
      },
    )
    if (done) ElMessage.success(t('registrant.allTeachersVisitorsDone', { count: authorized }))
    return done
  }

  async function showPhone(r: Registrant): Promise<void> {
    busy.value = `phone:${r.id}`
    try {
      fullPhones[r.id] = (await registrantsApi.phone(r.id)).phone
    } catch {
      // Shown by the API layer.
    } finally {
      busy.value = null
    }
  }

  async function showIdTail(r: Registrant): Promise<void> {
    busy.value = `idTail:${r.id}`
    try {
      fullIdTails[r.id] = (await registrantsApi.idTail(r.id)).idTail ?? ''
    } catch {
      // Shown by the API layer.
    } finally {
      busy.value = null
    }
  }

  return {
    busy,
    fullPhones,
    fullIdTails,
    toggle,
    remove,
    unbindWechat,
    toggleVisitors,
    authorizeAllTeachers,
    showPhone,
    showIdTail,
  }
}
