export default definePageConfig({
  navigationBarTitleText: '成员管理',
  // The share card of a binding invitation opens the redeem page with its code.
  enableShareAppMessage: true,
});
