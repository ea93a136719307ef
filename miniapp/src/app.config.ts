export default defineAppConfig({
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
  ],
  preloadRule: {
    'pages/themeday/index': { network: 'all', packages: ['themeday'] },
  },
  window: {
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
});
