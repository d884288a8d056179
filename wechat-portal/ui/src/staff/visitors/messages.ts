// The visitor analytics pages' texts, shipped in their lazy chunk (not in the portal's first load).
const zhCN = {
  title: '访客数据',
  tabs: { overview: '整体数据', departments: '部门统计', visitors: '访客统计', gates: '校门统计' },
  presets: { ALL: '全部', TODAY: '今天', LAST_7_DAYS: '近7天', LAST_30_DAYS: '近30天', CUSTOM: '自定义' },
  range: { from: '开始日期', to: '结束日期', apply: '查询', invalid: '请选择开始和结束日期，且开始不晚于结束' },
  overview: {
    title: '访客概况',
    total: '到访总数',
    expected: '今日应到访数',
    actual: '今日实到访数',
    people: '{n} 人',
  },
  trend: { title: '访客趋势', byMonth: '按月汇总' },
  details: { title: '数据详情', date: '日期', month: '月份' },
  columns: {
    visits: '到访预约数',
    people: '到访人数',
    bookings: '预约数',
    department: '部门',
    visitor: '访客',
    gate: '校门',
    noDepartment: '未分配部门',
    total: '合计',
  },
  empty: '暂无数据',
  retry: '重试',
}

export type Messages = typeof zhCN

const en: Messages = {
  title: 'Visitor analytics',
  tabs: { overview: 'Overview', departments: 'Departments', visitors: 'Visitors', gates: 'Gates' },
  presets: { ALL: 'All', TODAY: 'Today', LAST_7_DAYS: '7 days', LAST_30_DAYS: '30 days', CUSTOM: 'Custom' },
  range: {
    from: 'From',
    to: 'To',
    apply: 'Search',
    invalid: 'Choose a start and an end date, the start not after the end',
  },
  overview: {
    title: 'Summary',
    total: 'Visits in total',
    expected: 'Expected today',
    actual: 'Arrived today',
    people: '{n} people',
  },
  trend: { title: 'Visitor trend', byMonth: 'by month' },
  details: { title: 'Details', date: 'Date', month: 'Month' },
  columns: {
    visits: 'Visits',
    people: 'Visitors',
    bookings: 'Bookings',
    department: 'Department',
    visitor: 'Visitor',
    gate: 'Gate',
    noDepartment: 'No department',
    total: 'Total',
  },
  empty: 'No data',
  retry: 'Retry',
}

export const messages = { 'zh-CN': { sv: zhCN }, en: { sv: en } }
