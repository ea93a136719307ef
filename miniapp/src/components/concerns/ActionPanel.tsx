// The handler's moves on a concern: only those its status allows (start, resolve, transfer, reject), each with a
// required note; transfer picks another station of the same township; resolve may carry photos of the result.
import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ConcernTransitionBody, type Concern } from '@shared/schemas/concerns';
import type { Station } from '@shared/schemas/people';
import { api, errorMessage, isApiError, showApiError } from '../../api/client';
import { ACTION_DONE, ACTION_LABELS, ACTION_NOTE_HINTS, ACTION_NOTE_LABELS, allowedActions, type HandleAction } from '../../lib/concerns';
import { firstIssue } from '../../lib/forms';
import { stationsOfTownship, townshipOfStation } from '../../lib/orgs';
import FormError from '../FormError';
import PhotoPicker, { usePhotoUploads } from './PhotoPicker';
import { Button } from '../nut';
import './concerns.scss';

const NOTE_MAX = 1000;

export interface ActionPanelProps {
  concern: Concern;
  onDone: (c: Concern) => void;
  /** Someone else moved it first (409): show the fresh state. */
  onStale: () => void;
}

export default function ActionPanel({ concern, onDone, onStale }: ActionPanelProps) {
  const [action, setAction] = useState<HandleAction | null>(null);
  const [note, setNote] = useState('');
  const [toStationId, setToStationId] = useState<string | null>(null);
  const [stations, setStations] = useState<Station[] | null>(null);
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const photos = usePhotoUploads();
  const actions = allowedActions(concern.status);

  // A fresh status closes the open form.
  useEffect(() => {
    setAction(null);
    setNote('');
    setToStationId(null);
    setError('');
    photos.reset();
  }, [concern.status, concern.stationId]);

  // Transfer targets: the stations of the township this one belongs to, except this one.
  useEffect(() => {
    if (action !== 'transfer' || stations) return;
    let live = true;
    void (async () => {
      try {
        const townshipId = await townshipOfStation(concern.stationId);
        const list = townshipId ? await stationsOfTownship(townshipId) : [];
        if (live) setStations(list.filter((s) => s.id !== concern.stationId));
      } catch (err) {
        if (live) setStations([]);
        showApiError(err);
      }
    })();
    return () => {
      live = false;
    };
  }, [action, stations, concern.stationId]);

  if (actions.length === 0) {
    return (
      <View className='cs-card' id='cs-actions'>
        <Text className='card-title'>办理</Text>
        <Text className='muted' id='cs-no-actions'>
          {concern.status === 'resolved' ? '已办结，等待群众评价。' : '该事项已结束，无需办理。'}
        </Text>
      </View>
    );
  }

  const choose = (a: HandleAction) => {
    setAction(a === action ? null : a);
    setError('');
  };

  const submit = async () => {
    if (!action || saving) return;
    setError('');
    if (action === 'transfer' && !toStationId) return setError('请选择转办的驻点');
    const withPhotos = action === 'resolve' && photos.items.length > 0;
    if (withPhotos && photos.blocker) return setError(photos.blocker);
    const r = ConcernTransitionBody().safeParse({
      action,
      note,
      ...(action === 'transfer' && toStationId ? { toStationId } : {}),
      ...(withPhotos ? { photos: photos.photoIds } : {}),
    });
    if (!r.success) return setError(firstIssue(r.error));
    setSaving(true);
    try {
      const updated = await api('transitionConcern', { params: { id: concern.id }, body: r.data });
      void Taro.showToast({ title: ACTION_DONE[action], icon: 'success' });
      onDone(updated);
    } catch (err) {
      setError(errorMessage(err));
      showApiError(err);
      if (isApiError(err) && (err.code === 'INVALID_STATE' || err.code === 'CONFLICT')) onStale();
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='cs-card' id='cs-actions'>
      <Text className='card-title'>办理</Text>
      <View className='cs-chips'>
        {actions.map((a) => (
          <Text key={a} id={`cs-action-${a}`} className={`cs-chip${action === a ? ' cs-chip--on' : ''}`} onClick={() => choose(a)}>
            {ACTION_LABELS[a]}
          </Text>
        ))}
      </View>

      {action && (
        <View id='cs-action-form'>
          {action === 'transfer' && (
            <>
              <Text className='cs-label'>转办至</Text>
              {stations === null ? (
                <Text className='muted'>加载中…</Text>
              ) : stations.length === 0 ? (
                <Text className='muted'>本乡镇没有其他驻点可以转办</Text>
              ) : (
                <View className='cs-chips' id='cs-transfer-stations'>
                  {stations.map((s) => (
                    <Text
                      key={s.id}
                      id={`cs-to-${s.id}`}
                      className={`cs-chip${toStationId === s.id ? ' cs-chip--on' : ''}`}
                      onClick={() => setToStationId(s.id)}
                    >
                      {s.name}
                    </Text>
                  ))}
                </View>
              )}
            </>
          )}
          <Text className='cs-label'>{`${ACTION_NOTE_LABELS[action]}（必填）`}</Text>
          <Textarea
            id='cs-action-note'
            className='cs-textarea cs-textarea--short'
            value={note}
            maxlength={NOTE_MAX}
            placeholder={ACTION_NOTE_HINTS[action]}
            onInput={(e) => setNote(e.detail.value)}
          />
          <Text className={`cs-count${note.length > NOTE_MAX ? ' cs-count--over' : ''}`}>{`${note.length}/${NOTE_MAX}`}</Text>
          {action === 'resolve' && <PhotoPicker id='cs-action-photos' uploads={photos} label='办结照片（选填）' />}
          <FormError id='cs-action-error' message={error} />
          <View className='btn-row'>
            <Button id='cs-action-submit' type='primary' loading={saving} onClick={() => void submit()}>
              {`确认${ACTION_LABELS[action]}`}
            </Button>
            <Button id='cs-action-cancel' onClick={() => setAction(null)}>
              取消
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
