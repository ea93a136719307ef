// The brand colour for what CSS cannot reach: WeChat's own dialogs (showModal's 确定 is WeChat green otherwise).
// The stylesheets take it from components/_design.scss ($brand); app.config.ts repeats it for the bars.
export const BRAND_COLOR = '#c8161d';
