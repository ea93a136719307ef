export default definePageConfig({
  navigationBarTitleText: '说事进度',
  enablePullDownRefresh: true,
});
