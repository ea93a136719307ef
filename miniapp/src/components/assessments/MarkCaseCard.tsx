// 评为典型案例: township staff put a closed theme day into the 百例 library under a category.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { IdeaCategory, ThemeDay } from '@shared/schemas/themeday';
import { api, showApiError } from '../../api/client';
import { IDEA_CATEGORY_LABELS } from '../../lib/themeday-labels';
import { Button } from '../nut';
import { showModal } from '../../lib/design';

const CATEGORIES = Object.keys(IDEA_CATEGORY_LABELS) as IdeaCategory[];

interface Props {
  day: ThemeDay;
  onMarked: (category: IdeaCategory) => void;
}

export default function MarkCaseCard({ day, onMarked }: Props) {
  const [category, setCategory] = useState<IdeaCategory>(day.category);
  const [marking, setMarking] = useState(false);

  const mark = async () => {
    if (marking) return;
    const { confirm } = await showModal({
      title: '评为典型案例',
      content: `「${day.title}」将以「${IDEA_CATEGORY_LABELS[category]}」类别进入百例案例库，所有人可查看。确定吗？`,
    });
    if (!confirm) return;
    setMarking(true);
    try {
      await api('markExemplary', { params: { id: day.id }, body: { category } });
      onMarked(category);
      void Taro.showToast({ title: '已加入案例库', icon: 'success' });
    } catch (err) {
      showApiError(err);
    } finally {
      setMarking(false);
    }
  };

  return (
    <View className='card' id='as-mark-case'>
      <Text className='card-title'>评为典型案例</Text>
      <Text className='muted'>选择案例类别，评选后进入百例案例库，供各支部学习借鉴。</Text>
      <View className='nt-chips'>
        {CATEGORIES.map((c) => (
          <Text key={c} id={`as-case-category-${c}`} className={`nt-chip${category === c ? ' nt-chip--on' : ''}`} onClick={() => setCategory(c)}>
            {IDEA_CATEGORY_LABELS[c]}
          </Text>
        ))}
      </View>
      <View className='btn-row'>
        <Button id='as-mark-submit' type='primary' loading={marking} onClick={() => void mark()}>
          评为典型案例
        </Button>
      </View>
    </View>
  );
}
