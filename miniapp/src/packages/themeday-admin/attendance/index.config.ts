export default definePageConfig({
  navigationBarTitleText: '出勤管理',
  enablePullDownRefresh: true,
});
