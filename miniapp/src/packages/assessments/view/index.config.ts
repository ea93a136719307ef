export default definePageConfig({
  navigationBarTitleText: '三项考核',
  enablePullDownRefresh: true,
});
