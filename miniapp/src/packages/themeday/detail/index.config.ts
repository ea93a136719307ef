export default definePageConfig({
  navigationBarTitleText: '主题党日预告',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
});
