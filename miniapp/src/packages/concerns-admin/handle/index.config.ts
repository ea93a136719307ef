export default definePageConfig({
  navigationBarTitleText: '办理说事',
  enablePullDownRefresh: true,
});
