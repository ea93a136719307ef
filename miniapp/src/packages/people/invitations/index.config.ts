export default definePageConfig({
  navigationBarTitleText: '邀请',
  // The share card opens the redeem page with the code just made.
  enableShareAppMessage: true,
});
