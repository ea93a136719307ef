export default definePageConfig({
  navigationBarTitleText: '接待管理',
});
