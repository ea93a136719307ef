export default definePageConfig({
  navigationBarTitleText: '先锋驿站',
  enablePullDownRefresh: true,
});
