export default definePageConfig({
  navigationBarTitleText: '主题党日 · 指导',
  enablePullDownRefresh: true,
});
