export default definePageConfig({
  navigationBarTitleText: '提交创意',
});
