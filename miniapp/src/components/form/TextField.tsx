// The form fields the pages repeat: a label, an Input or Textarea and a character counter. Each page keeps its own
// class family (cs-, td-, nt-) and ids, which its stylesheet and the e2e tests rely on.
import { Input, Text, Textarea, View } from '@tarojs/components';
import type { ReactNode } from 'react';

interface BoxProps {
  id?: string;
  className: string;
  multiline?: boolean;
  value: string;
  onInput: (value: string) => void;
  maxLength: number;
  placeholder?: string;
  type?: 'number';
  onConfirm?: () => void;
}

/** Props without the undefined ones: Taro's H5 components would set those as properties (`id="undefined"`). */
export function given<T extends object>(props: T): T {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) as T;
}

/** Taro's Input or Textarea, handing the typed text to onInput. */
function TextBox({ multiline, maxLength, onInput, ...rest }: BoxProps) {
  const props = { ...given(rest), maxlength: maxLength, onInput: (e: { detail: { value: string } }) => onInput(e.detail.value) };
  return multiline ? <Textarea {...props} /> : <Input {...props} />;
}

export interface CountProps {
  className: string;
  id?: string;
  text: string;
  /** Adds `<className>--over`. */
  over?: boolean;
}

/** A character counter; over the limit (or under a minimum) it turns red through its `--over` class. */
export function CharCount({ className, id, text, over }: CountProps) {
  return (
    <Text className={over ? `${className} ${className}--over` : className} {...given({ id })}>
      {text}
    </Text>
  );
}

/** What a field's counter shows; by default `length/max` of the raw text, over when past max. */
export interface CountOptions {
  id?: string;
  /** Counted length, e.g. of the trimmed text. */
  length?: number;
  text?: string;
  over?: boolean;
}

export interface TextFieldProps extends Omit<BoxProps, 'id' | 'className' | 'multiline'> {
  /** The class family: `<kind>-label`, `<kind>-input` or `<kind>-textarea`, `<kind>-count`. */
  kind: string;
  /** The field's id; on a View around the input when `boxed` (the tests then look inside it). */
  id?: string;
  boxed?: boolean;
  label?: ReactNode;
  /** Replaces the input's class (e.g. `mod-sheet__textarea`) or adds a modifier (`cs-textarea cs-textarea--short`). */
  inputClass?: string;
  countClass?: string;
  /** Shows the counter. */
  count?: CountOptions;
}

function Field({ kind, id, boxed, label, inputClass, countClass, count, multiline, ...box }: TextFieldProps & { multiline: boolean }) {
  const input = (
    <TextBox {...box} id={boxed ? undefined : id} multiline={multiline} className={inputClass ?? `${kind}-${multiline ? 'textarea' : 'input'}`} />
  );
  const length = count?.length ?? box.value.length;
  return (
    <>
      {label !== undefined && <Text className={`${kind}-label`}>{label}</Text>}
      {boxed ? <View {...given({ id })}>{input}</View> : input}
      {count && (
        <CharCount
          className={countClass ?? `${kind}-count`}
          id={count.id}
          text={count.text ?? `${length}/${box.maxLength}`}
          over={count.over ?? length > box.maxLength}
        />
      )}
    </>
  );
}

export function TextField(props: TextFieldProps) {
  return <Field {...props} multiline={false} />;
}

export function TextAreaField(props: TextFieldProps) {
  return <Field {...props} multiline />;
}

export interface FieldRowProps extends Omit<BoxProps, 'className'> {
  /** The id of the `.field` row; the input then has none. */
  rowId?: string;
  label?: ReactNode;
  /** Default `field-input`. */
  inputClass?: string;
}

/** The `.field` row of the profile and booking cards: a label and the input inside one View. */
export function FieldRow({ rowId, label, inputClass = 'field-input', ...box }: FieldRowProps) {
  return (
    <View className='field' {...given({ id: rowId })}>
      {label !== undefined && <Text className='field-label'>{label}</Text>}
      <TextBox {...box} className={inputClass} />
    </View>
  );
}
