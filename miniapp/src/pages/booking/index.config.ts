export default definePageConfig({
  navigationBarTitleText: '局长驻点',
});
