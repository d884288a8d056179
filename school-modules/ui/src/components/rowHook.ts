// Shared with the operator console; kept at this path for the views that import it.
export { vRowHook, type RowHook } from '@campuspass/ui-shared/rowHook'
