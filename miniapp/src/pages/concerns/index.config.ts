export default definePageConfig({
  navigationBarTitleText: '群众说事',
  enablePullDownRefresh: true,
});
