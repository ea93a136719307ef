export default definePageConfig({
  navigationBarTitleText: '案例详情',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
});
