import { Checkbox, Group, Radio, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { type AnswerValue, DONT_KNOW } from '@relance/domain/surveys/survey-answers';
import type { Question } from '@relance/domain/surveys/survey-definition';
import { assertNever } from '@relance/domain/vocabulary';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../lib/i18n';
import { labelIn } from './survey-labels';

interface Props {
  question: Question;
  language: Language;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue | undefined) => void;
  disabled?: boolean;
}

interface CardOption {
  value: string;
  label: string;
}

const FOUR = ['4', '3', '2', '1'] as const;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/** Large tappable cards, one per line (mobile first): one answer among a few worded ones. */
function CardChoice({
  name,
  options,
  value,
  onChange,
  disabled,
}: {
  name: string;
  options: CardOption[];
  value: string | null;
  onChange: (v: string) => void;
  disabled?: boolean;
}) {
  return (
    <Radio.Group name={name} value={value} onChange={onChange}>
      <Stack gap="xs">
        {options.map((o) => (
          <Radio.Card
            key={o.value}
            value={o.value}
            radius="md"
            p="md"
            disabled={disabled}
            data-testid={`answer-${name}-${o.value}`}
            style={{ minHeight: 52 }}
          >
            <Group wrap="nowrap" gap="sm">
              <Radio.Indicator />
              <Text size="md">{o.label}</Text>
            </Group>
          </Radio.Card>
        ))}
      </Stack>
    </Radio.Group>
  );
}

/** A row of numbered buttons (0-10 or 1-10), wrapping on a narrow screen, with what each end means. */
function ScoreChoice({
  name,
  values,
  value,
  onChange,
  low,
  high,
  disabled,
}: {
  name: string;
  values: string[];
  value: string | null;
  onChange: (v: string) => void;
  low: string;
  high: string;
  disabled?: boolean;
}) {
  return (
    <Radio.Group name={name} value={value} onChange={onChange}>
      <SimpleGrid cols={{ base: values.length > 10 ? 6 : 5, sm: values.length }} spacing={6}>
        {values.map((v) => (
          <Radio.Card
            key={v}
            value={v}
            radius="md"
            disabled={disabled}
            data-testid={`answer-${name}-${v}`}
            style={{ minHeight: 48, textAlign: 'center' }}
            bg={value === v ? 'teal.6' : undefined}
          >
            <Text fw={600} c={value === v ? 'white' : undefined}>
              {v}
            </Text>
          </Radio.Card>
        ))}
      </SimpleGrid>
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          {low}
        </Text>
        <Text size="xs" c="dimmed">
          {high}
        </Text>
      </Group>
    </Radio.Group>
  );
}

const asString = (v: AnswerValue | undefined): string | null =>
  v === undefined ? null : typeof v === 'number' ? String(v) : typeof v === 'string' ? v : null;
const fromScale = (v: string): AnswerValue => (v === DONT_KNOW ? DONT_KNOW : Number(v));

/** The answer control of one question, by its kind and scale. */
export function QuestionField({ question: q, language, value, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const name = q.key;
  switch (q.kind) {
    case 'choice': {
      const options = q.options.map((o) => ({ value: o.value, label: labelIn(o.label, language) }));
      if (!q.multiple)
        return (
          <CardChoice
            name={name}
            options={options}
            value={asString(value)}
            onChange={onChange}
            disabled={disabled}
          />
        );
      const chosen = Array.isArray(value) ? value : [];
      return (
        <Checkbox.Group value={chosen} onChange={(v) => onChange(v.length > 0 ? v : undefined)}>
          <Stack gap="xs">
            {options.map((o) => (
              <Checkbox.Card
                key={o.value}
                value={o.value}
                radius="md"
                p="md"
                disabled={disabled}
                data-testid={`answer-${name}-${o.value}`}
                style={{ minHeight: 52 }}
              >
                <Group wrap="nowrap" gap="sm">
                  <Checkbox.Indicator />
                  <Text size="md">{o.label}</Text>
                </Group>
              </Checkbox.Card>
            ))}
          </Stack>
        </Checkbox.Group>
      );
    }
    case 'satisfaction':
    case 'importance': {
      const dontKnow = q.kind === 'satisfaction' && q.dontKnow;
      const scale = q.kind === 'satisfaction' ? 'satisfaction' : 'importance';
      if (q.scale === 'four_level') {
        const options: CardOption[] = FOUR.map((v) => ({
          value: v,
          label: t(`surveys.answer.scales.${scale}.${v}`),
        }));
        if (dontKnow) options.push({ value: DONT_KNOW, label: t('surveys.answer.scales.dontKnow') });
        return (
          <CardChoice
            name={name}
            options={options}
            value={asString(value)}
            onChange={(v) => onChange(fromScale(v))}
            disabled={disabled}
          />
        );
      }
      return (
        <Stack gap="xs">
          <ScoreChoice
            name={name}
            values={range(1, 10)}
            value={asString(value)}
            onChange={(v) => onChange(Number(v))}
            low={t(`surveys.answer.scales.${scale}.low10`)}
            high={t(`surveys.answer.scales.${scale}.high10`)}
            disabled={disabled}
          />
          {dontKnow && (
            <CardChoice
              name={name}
              options={[{ value: DONT_KNOW, label: t('surveys.answer.scales.dontKnow') }]}
              value={asString(value)}
              onChange={() => onChange(DONT_KNOW)}
              disabled={disabled}
            />
          )}
        </Stack>
      );
    }
    case 'recommend':
      return (
        <ScoreChoice
          name={name}
          values={range(0, 10)}
          value={asString(value)}
          onChange={(v) => onChange(Number(v))}
          low={t('surveys.answer.scales.recommend.low')}
          high={t('surveys.answer.scales.recommend.high')}
          disabled={disabled}
        />
      );
    case 'buy_again':
      return (
        <CardChoice
          name={name}
          options={FOUR.map((v) => ({ value: v, label: t(`surveys.answer.scales.buyAgain.${v}`) }))}
          value={asString(value)}
          onChange={(v) => onChange(Number(v))}
          disabled={disabled}
        />
      );
    case 'open': {
      const text = typeof value === 'string' ? value : '';
      const over = text.length > q.maxLength;
      return (
        <Stack gap={4}>
          <Textarea
            name={name}
            value={text}
            onChange={(e) => onChange(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
            autosize
            minRows={3}
            maxRows={10}
            size="md"
            disabled={disabled}
            aria-label={labelIn(q.label, language)}
            data-testid={`answer-${name}`}
          />
          <Text size="xs" c={over ? 'red' : 'dimmed'} ta="right" data-testid={`answer-${name}-count`}>
            {t('surveys.answer.characters', { n: text.length, max: q.maxLength })}
          </Text>
        </Stack>
      );
    }
    default:
      return assertNever(q, 'question');
  }
}
