export default definePageConfig({
  navigationBarTitleText: '创意详情',
  enablePullDownRefresh: true,
});
