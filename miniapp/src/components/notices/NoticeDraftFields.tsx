// The notice form's own fields: category, title, body (with counts), 置顶 and the expiry date.
import { Picker, Switch, Text, View } from '@tarojs/components';
import { DAY_MS, formatDateKey, shanghaiDate } from '@shared/time';
import { TextAreaField, TextField } from '../form/TextField';
import { NOTICE_CATEGORIES, NOTICE_CATEGORY_LABELS } from '../../lib/notices';
import { BRAND_COLOR } from '../../lib/design';
import { BODY_MAX, TITLE_MAX, type NoticeDraft } from './notice-draft';

interface Props {
  draft: NoticeDraft;
  onChange: (patch: Partial<NoticeDraft>) => void;
}

export default function NoticeDraftFields({ draft, onChange }: Props) {
  return (
    <>
      <Text className='nt-label'>类别</Text>
      <View className='nt-chips' id='ntf-categories'>
        {NOTICE_CATEGORIES.map((c) => (
          <Text
            key={c}
            id={`ntf-category-${c}`}
            className={`nt-chip${c === draft.category ? ' nt-chip--on' : ''}`}
            onClick={() => onChange({ category: c })}
          >
            {NOTICE_CATEGORY_LABELS[c]}
          </Text>
        ))}
      </View>

      <TextField
        kind='nt'
        label='标题'
        id='ntf-title'
        boxed
        value={draft.title}
        maxLength={TITLE_MAX}
        placeholder='例如：第三季度党费收缴情况公示'
        onInput={(title) => onChange({ title })}
        count={{ id: 'ntf-title-count', length: draft.title.trim().length }}
      />

      <TextAreaField
        kind='nt'
        label='正文'
        id='ntf-body'
        boxed
        value={draft.body}
        maxLength={BODY_MAX}
        placeholder='公开的具体内容'
        onInput={(body) => onChange({ body })}
        count={{ length: draft.body.trim().length }}
      />

      <View className='nt-switch-row'>
        <Text>置顶</Text>
        <Switch id='ntf-pinned' aria-label='置顶' checked={draft.pinned} color={BRAND_COLOR} onChange={(e) => onChange({ pinned: e.detail.value })} />
      </View>
      <View className='nt-switch-row'>
        <Text>设置有效期</Text>
        <Switch id='ntf-expiry' aria-label='设置有效期' checked={draft.withExpiry} color={BRAND_COLOR} onChange={(e) => onChange({ withExpiry: e.detail.value })} />
      </View>
      {draft.withExpiry && (
        <Picker
          mode='date'
          id='ntf-expiry-date'
          value={draft.expiryDate}
          start={shanghaiDate(Date.now() + DAY_MS)}
          onChange={(e) => onChange({ expiryDate: String(e.detail.value) })}
        >
          <Text className='nt-picker-value'>{`显示到 ${formatDateKey(draft.expiryDate)} 当天结束`}</Text>
        </Picker>
      )}
    </>
  );
}
