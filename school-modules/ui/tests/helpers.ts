import { mockApiAt } from '@campuspass/ui-shared/testing'

export { jsonResponse, messages, type Call } from '@campuspass/ui-shared/testing'

/** fetch replaced by a table of "METHOD /path" → reply, the path without /admin/api (see mockApiAt). */
export const mockApi = mockApiAt('/admin/api')
