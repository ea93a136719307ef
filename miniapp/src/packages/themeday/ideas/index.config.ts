export default definePageConfig({
  navigationBarTitleText: '创意征集',
  enablePullDownRefresh: true,
});
