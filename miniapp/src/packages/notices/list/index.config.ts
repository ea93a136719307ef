export default definePageConfig({
  navigationBarTitleText: '党务公开',
  enablePullDownRefresh: true,
});
