// Every page that shows one record, opened on an id that does not exist (a deleted or mistyped shared link), by a
// persona allowed there: each must show LoadState's not-found state (`<state>-missing`) with 回到首页 (`<state>-home`).
// Used by the H5 browser test (accessibility.e2e) and the weapp one (navigation.weapp).

/** [persona, route with query, LoadState id]. */
export const MISSING_PAGES: Array<[string, string, string]> = [
  ['demo-member-1', '/packages/themeday/detail/index?id=no-such-day', 'td-detail'],
  ['demo-member-1', '/packages/themeday/online/index?id=no-such-day', 'online'],
  ['demo-member-1', '/packages/themeday/idea/index?id=no-such-idea', 'idea'],
  ['demo-member-1', '/packages/notices/detail/index?id=no-such-notice', 'nt-detail'],
  ['demo-member-1', '/packages/cases/detail/index?id=no-such-case', 'ca-detail'],
  ['demo-resident-1', '/packages/concerns/detail/index?id=no-such-concern&mine=1', 'cs-detail'],
  ['demo-resident-1', '/packages/booking/station/index?stationId=no-such-station', 'station'],
  ['demo-official-1', '/packages/concerns-admin/handle/index?id=no-such-concern', 'cs-handle'],
  ['demo-secretary-1', '/packages/themeday-admin/console/index?id=no-such-day', 'console'],
  ['demo-secretary-1', '/packages/themeday-admin/attendance/index?id=no-such-day', 'attendance'],
  ['demo-secretary-1', '/packages/themeday-admin/close/index?id=no-such-day', 'close'],
  ['demo-township-1', '/packages/assessments/day/index?id=no-such-day', 'as-day'],
];
