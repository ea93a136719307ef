// The NutUI components the app uses, each with its own stylesheet (the full NutUI CSS is ~230 KB).
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';

export { Button, Cell, CellGroup, Tag } from '@nutui/nutui-react-taro';
