export default definePageConfig({
  navigationBarTitleText: '新建主题党日',
});
