// One member of the dues register: declared amount and paid/unpaid; for the secretary it opens to mark the payment
// (amount, 已交/未交 and the day it was handed in).
import { Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { DuesEntry } from '@shared/schemas/practices';
import { formatDateKey, shanghaiDate } from '@shared/time';
import { FieldRow } from '../../../components/form/TextField';
import SubmitBar from '../../../components/form/SubmitBar';
import { useSubmit } from '../../../components/form/useSubmit';
import StatusTag from '../../../components/StatusTag';
import type { Infer } from '@shared/schemas/lazy';

type Entry = Infer<typeof DuesEntry>;
export interface DuesMark {
  amount: number;
  paid: boolean;
  paidOn?: string;
}

export default function DuesRow({ entry: e, canMark, onMark }: { entry: Entry; canMark: boolean; onMark: (e: Entry, mark: DuesMark) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState(e.amount === null ? '' : String(e.amount));
  const [paid, setPaid] = useState(e.paid || e.amount === null);
  const [paidOn, setPaidOn] = useState(e.paidOn ?? shanghaiDate());
  const form = useSubmit();
  const sub = e.amount === null ? '未申报' : `申报 ${e.amount.toFixed(2)} 元${e.paidOn ? ` · ${formatDateKey(e.paidOn)}交纳` : ''}${e.markedBy ? ` · ${e.markedBy}登记` : ''}`;

  const save = () =>
    form.send(async () => {
      const n = Number(amount);
      if (!amount.trim() || !Number.isFinite(n)) {
        form.setError('请填写申报金额（元）');
        return;
      }
      form.setError('');
      await onMark(e, { amount: n, paid, ...(paid ? { paidOn } : {}) });
      setOpen(false);
    });

  return (
    <View className='px-row' id={`dues-${e.userId}`}>
      <View className='px-row__head' role={canMark ? 'button' : undefined} onClick={() => canMark && setOpen(!open)}>
        <View>
          <Text>{e.displayName}</Text>
          <Text className='px-row__sub'>{sub}</Text>
        </View>
        <StatusTag id={`dues-${e.userId}-state`} tone={e.paid ? 'success' : 'warning'} label={e.paid ? '已交' : '未交'} />
      </View>
      {open && (
        <View id={`dues-${e.userId}-form`}>
          <FieldRow rowId={`dues-${e.userId}-amount`} label='申报金额（元）' type='number' value={amount} onInput={setAmount} maxLength={10} placeholder='如 25.50' />
          <View className='px-chips'>
            <Text id={`dues-${e.userId}-paid`} className={`px-chip${paid ? ' px-chip--on' : ''}`} onClick={() => setPaid(true)}>
              已交
            </Text>
            <Text id={`dues-${e.userId}-unpaid`} className={`px-chip${paid ? '' : ' px-chip--on'}`} onClick={() => setPaid(false)}>
              未交
            </Text>
            {paid && (
              <Picker mode='date' value={paidOn} end={shanghaiDate()} onChange={(ev) => setPaidOn(String(ev.detail.value))}>
                <Text className='px-chip' id={`dues-${e.userId}-date`}>{`交纳日期 ${formatDateKey(paidOn)}`}</Text>
              </Picker>
            )}
          </View>
          <SubmitBar id={`dues-${e.userId}-save`} errorId={`dues-${e.userId}-error`} error={form.error} loading={form.saving} onSubmit={save}>
            保存
          </SubmitBar>
        </View>
      )}
    </View>
  );
}
