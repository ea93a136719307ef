export default definePageConfig({
  navigationBarTitleText: '网上参与',
});
