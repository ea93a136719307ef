export default defineAppConfig({
  // WeChat's privacy authorization applies to the data APIs we call (see lib/privacy-guide.ts).
  __usePrivacyCheck__: true,
  pages: [
    'pages/home/index',
    'pages/themeday/index',
    'pages/concerns/index',
    'pages/booking/index',
    'pages/me/index',
    'pages/privacy/index',
    'pages/login/index',
  ],
  // 主题党日 pages load on demand; the secretary's pages are a package of their own.
  subPackages: [
    {
      root: 'packages/themeday',
      name: 'themeday',
      pages: ['detail/index', 'ideas/index', 'idea/index', 'idea-form/index', 'online/index'],
    },
    {
      root: 'packages/themeday-admin',
      name: 'themeday-admin',
      pages: ['form/index', 'console/index', 'attendance/index', 'close/index'],
    },
    // 局长驻点: the station page for everyone, the console for officials.
    { root: 'packages/booking', name: 'booking', pages: ['station/index'] },
    { root: 'packages/booking-admin', name: 'booking-admin', pages: ['console/index'] },
    // 群众说事: the resident's progress page; the station queue and handling view for officials.
    { root: 'packages/concerns', name: 'concerns', pages: ['detail/index'] },
    { root: 'packages/concerns-admin', name: 'concerns-admin', pages: ['queue/index', 'handle/index'] },
    // 党务公开: lists and details are public; the form is for secretaries and township staff.
    { root: 'packages/notices', name: 'notices', pages: ['list/index', 'detail/index'] },
    { root: 'packages/notices-admin', name: 'notices-admin', pages: ['form/index'] },
    // 三项考核 with its drill-down (branch theme days, one day with guidance); 百例 case library.
    { root: 'packages/assessments', name: 'assessments', pages: ['view/index', 'branch/index', 'day/index'] },
    { root: 'packages/cases', name: 'cases', pages: ['list/index', 'detail/index'] },
    // 内容审核: the moderation queue for secretaries and township staff.
    { root: 'packages/moderation', name: 'moderation', pages: ['queue/index'] },
    // 组织管理 and 驿站管理: township staff and admins.
    { root: 'packages/admin', name: 'admin', pages: ['orgs/index', 'station/index', 'import/index'] },
    // 成员管理, 邀请 and 权限 for secretaries and staff; the redeem page that invitations open.
    { root: 'packages/people', name: 'people', pages: ['members/index', 'invitations/index', 'grants/index', 'redeem/index'] },
    // 党费登记 (secretaries, staff above), the 1+X birthday card (members share it), 说事概况 (township staff).
    { root: 'packages/practices', name: 'practices', pages: ['dues/index', 'birthday/index', 'overview/index'] },
  ],
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['notices'] },
    'pages/themeday/index': { network: 'all', packages: ['themeday'] },
    'pages/booking/index': { network: 'all', packages: ['booking'] },
    'pages/concerns/index': { network: 'all', packages: ['concerns'] },
  },
  window: {
    // weapp's default; on H5 it turns on Taro's navigation bar (title, and back, or 首页 without history).
    navigationStyle: 'default',
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f5f7',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '先锋驿站',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/themeday/index',
        text: '党日',
        iconPath: 'assets/tabbar/themeday.png',
        selectedIconPath: 'assets/tabbar/themeday-active.png',
      },
      {
        pagePath: 'pages/concerns/index',
        text: '说事',
        iconPath: 'assets/tabbar/concerns.png',
        selectedIconPath: 'assets/tabbar/concerns-active.png',
      },
      {
        pagePath: 'pages/booking/index',
        text: '预约',
        iconPath: 'assets/tabbar/booking.png',
        selectedIconPath: 'assets/tabbar/booking-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  // H5 only: pages switch without the slide. It stutters on cheap phones, and Taro's animated router shades the tab
  // page again when a back comes before its hide timer (a blank screen, seen on busy machines). WeChat animates natively.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
});
