export default definePageConfig({
  navigationBarTitleText: '百例案例库',
  enablePullDownRefresh: true,
});
