export default definePageConfig({
  navigationBarTitleText: '支部主题党日',
  enablePullDownRefresh: true,
});
