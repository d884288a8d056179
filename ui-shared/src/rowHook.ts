import type { Directive } from 'vue'

export interface RowHook {
  test: string
  attrs?: Record<string, string>
}

/**
 * ElTable has no way to put attributes on its <tr>; this directive, used on an element inside a cell, copies
 * `data-test` and data-* attributes onto the enclosing row so browser tests can address whole rows. Rows are
 * keyed by row-key, so a <tr> always belongs to the same record and re-renders of the cell keep it current.
 */
export const vRowHook: Directive<HTMLElement, RowHook> = {
  mounted: apply,
  updated: apply,
}

function apply(el: HTMLElement, binding: { value: RowHook }): void {
  const row = el.closest('tr')
  if (!row) return
  row.setAttribute('data-test', binding.value.test)
  for (const [name, value] of Object.entries(binding.value.attrs ?? {})) {
    row.setAttribute(`data-${name}`, value)
  }
}
