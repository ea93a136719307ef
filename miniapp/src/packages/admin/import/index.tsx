// 批量导入 (`?orgId=`): organisations, stations and members from an .xlsx or CSV into the org's subtree. 检查 is the
// dry run (every row error, nothing written); 导入 starts a job, and the page runs it chunk by chunk with its
// progress shown; leaving and coming back (or a failed run) resumes it with 继续.
import { Progress, Text, View } from '@tarojs/components';
import { Button } from '../../../components/nut';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { ImportCheck, ImportJob } from '@shared/schemas/ledger';
import { api, errorMessage, isApiError } from '../../../api/client';
import { usePageGate } from '../../../lib/gate';
import { downloadTemplate, pickImportFile, type PickedFile } from '../../../lib/ledger';
import { showModal } from '../../../lib/design';
import '../admin.scss';

export default function AdminImportPage() {
  const allowed = usePageGate('adminImport', { requireLogin: true });
  const orgId = useRouter().params.orgId ?? '';
  const [file, setFile] = useState<PickedFile | null>(null);
  const [check, setCheck] = useState<ImportCheck | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const guarded = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await work();
    } catch (e) {
      setError(isApiError(e) && e.details?.length ? `${e.message}：${e.details.slice(0, 5).map((d) => `${d.path} ${d.message}`).join('；')}` : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const pick = () => guarded(async () => {
    const picked = await pickImportFile();
    if (!picked) return;
    setFile(picked);
    setJob(null);
    setCheck(await api('checkImport', { body: { orgId, ...picked } }));
  });

  /** Runs the job's chunks one after another; stops on a failure (继续 picks it up where it stopped). */
  const runAll = async (started: ImportJob) => {
    let j = started;
    setJob(j);
    while (j.status !== 'done') {
      j = await api('runImport', { params: { jobId: j.id } });
      setJob(j);
    }
    void Taro.showToast({ title: '导入完成', icon: 'success' });
  };

  const start = () => guarded(async () => {
    if (!file) return;
    const { confirm } = await showModal({ title: '开始导入', content: `导入「${file.fileName}」：新建组织 ${check?.toCreate.orgs ?? 0} 个、驿站 ${check?.toCreate.stations ?? 0} 个、党员 ${check?.toCreate.members ?? 0} 名？` });
    if (!confirm) return;
    await runAll(await api('createImport', { body: { orgId, ...file } }));
  });

  if (!allowed) return <View />;
  const errors = check?.errors ?? [];
  return (
    <View className='page' id='adm-import'>
      <View className='card'>
        <Text className='card-title'>批量导入组织、驿站和党员</Text>
        <Text className='muted'>按模板填写「组织」「驿站」「党员」三个工作表，上级组织写从本组织往下的路径，如「城关镇/东村」。同一文件重复导入不会重复创建。</Text>
        <View className='adm-actions'>
          <Button id='adm-import-template' size='small' onClick={() => void guarded(downloadTemplate)}>下载模板</Button>
          <Button id='adm-import-pick' size='small' type='primary' loading={busy && !job} onClick={() => void pick()}>选择文件并检查</Button>
        </View>
        {error && <Text className='error' id='adm-import-error'>{error}</Text>}
      </View>

      {check && (
        <View className='card' id='adm-import-check'>
          <Text className='card-title'>{file?.fileName}</Text>
          <Text>将新建：组织 {check.toCreate.orgs}、驿站 {check.toCreate.stations}、党员 {check.toCreate.members}</Text>
          <Text className='muted'>已存在（跳过）：组织 {check.existing.orgs}、驿站 {check.existing.stations}、党员 {check.existing.members}</Text>
          {errors.length > 0 ? (
            <View id='adm-import-errors'>
              <Text className='error'>有 {errors.length} 处错误，请修正后重新选择文件：</Text>
              {errors.slice(0, 100).map((e) => (
                <Text key={`${e.sheet}-${e.row}-${e.column}`} className='adm-row'>{`${e.sheet} 第${e.row}行「${e.column}」：${e.message}`}</Text>
              ))}
            </View>
          ) : (
            !job && <Button id='adm-import-start' type='primary' loading={busy} onClick={() => void start()}>开始导入</Button>
          )}
        </View>
      )}

      {job && (
        <View className='card' id='adm-import-job'>
          <Text className='card-title'>{job.status === 'done' ? '导入完成' : '正在导入…'}</Text>
          <Progress percent={job.rows ? Math.round((job.rowsDone / job.rows) * 100) : 100} showInfo strokeWidth={8} />
          <Text>已处理 {job.rowsDone} / {job.rows} 行；新建组织 {job.created.orgs}、驿站 {job.created.stations}、党员 {job.created.members}</Text>
          {job.errors.map((e) => <Text key={`${e.sheet}-${e.row}`} className='error'>{`${e.sheet} 第${e.row}行「${e.column}」：${e.message}`}</Text>)}
          {job.status !== 'done' && !busy && <Button id='adm-import-resume' onClick={() => void guarded(() => runAll(job))}>继续导入</Button>}
        </View>
      )}
    </View>
  );
}
