// Shared with the operator console; kept at this path for the views that import it.
export { formatDateTime } from '@campuspass/ui-shared/format'
