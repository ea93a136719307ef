export default definePageConfig({
  navigationBarTitleText: '结束并总结',
});
