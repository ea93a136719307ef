export default definePageConfig({
  navigationBarTitleText: '公开详情',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
});
