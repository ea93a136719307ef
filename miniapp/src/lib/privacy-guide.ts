// The privacy guide (隐私保护指引) the consent page shows: each item says what is used and names the WeChat APIs
// behind it. A test checks this list against the APIs the code calls, so a new camera or location call cannot
// ship without being declared here.

export interface GuideItem {
  title: string;
  text: string;
  /** WeChat APIs (Taro.<name>) that touch the user's data for this purpose. */
  apis: string[];
}

export const PRIVACY_GUIDE: GuideItem[] = [
  {
    title: '微信登录身份',
    text: '登录时使用微信提供的匿名身份标识（openid），用来识别您的账号。我们不获取您的微信昵称、头像和好友关系。',
    apis: ['login'],
  },
  {
    title: '手机号（可选）',
    text: '仅当您在「我的」里自己填写时保存，加密存储、只显示部分号码，用于工作人员联系您办理说事和预约。只有负责办理的驻点干部可以查看完整号码，每次查看都会记入操作日志，并有每日次数上限。',
    apis: [],
  },
  {
    title: '您提交的内容',
    text: '创意、说事、心得、预约等内容用于办理对应事务，文字会经过微信内容安全检测。',
    apis: [],
  },
  {
    title: '摄像头（仅扫码签到时）',
    text: '党员参加主题党日时，点击「扫码签到」才会打开摄像头扫描书记出示的二维码，不拍照、不保存图像。',
    apis: ['scanCode'],
  },
  {
    title: '日历（仅您点击时）',
    text: '点击「添加到日历」时，把主题党日或预约的时间写入您手机的日历，不读取日历中的其他内容。',
    apis: ['addPhoneCalendar'],
  },
  {
    title: '位置（仅您点击时）',
    text: '查看驻点工作室位置时打开地图导航，不获取、不保存您的位置。',
    apis: ['openLocation'],
  },
  {
    title: '拨打电话（仅驻点干部联系群众时）',
    text: '驻点干部点击「拨打」时由手机拨打群众留下的号码，不读取通讯录和通话记录。',
    apis: ['makePhoneCall'],
  },
  {
    title: '剪贴板（仅您点击时）',
    text: '点击受理编号旁的「复制」时，把编号写入剪贴板，方便您粘贴保存；不读取剪贴板中的内容。',
    apis: ['setClipboardData'],
  },
  {
    title: '订阅消息（仅您同意时）',
    text: '预约前一天、说事办理进度、创意答复、主题党日预告、政治生日（以及驻点干部的超期事项）的微信提醒，只在您于微信弹出的提示中同意后发送。每同意一次可发送一条，我们只记录剩余条数，发送后即用掉。',
    apis: ['requestSubscribeMessage'],
  },
];
