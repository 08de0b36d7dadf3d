import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import type { Bilingual, Question, QuestionKind } from '@relance/domain/surveys/survey-definition';
import { LOST_REASONS } from '@relance/domain/winback/vocabulary';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { moved, questionOfKind, removed, slot } from './editor-model';

type Errors = Record<string, string>;

/** French and English side by side (stacked on a phone), each with its own field error. */
export function BilingualInputs({
  value,
  onChange,
  errors,
  prefix,
  label,
  testId,
}: {
  value: Bilingual;
  onChange: (v: Bilingual) => void;
  errors: Errors;
  /** the path of this label under the errors given (e.g. 'label') */
  prefix: string;
  label: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const at = (lang: string) => errors[prefix ? `${prefix}.${lang}` : lang];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
      <TextInput
        label={`${label} (${t('surveys.editor.fr')})`}
        value={value.fr}
        onChange={(e) => onChange({ ...value, fr: e.currentTarget.value })}
        error={at('fr')}
        data-testid={`${testId}-fr`}
      />
      <TextInput
        label={`${label} (${t('surveys.editor.en')})`}
        value={value.en ?? ''}
        onChange={(e) => onChange({ ...value, en: e.currentTarget.value })}
        error={at('en')}
        data-testid={`${testId}-en`}
      />
    </SimpleGrid>
  );
}

/** The row of buttons of an item in a list: up, down, remove. */
export function ItemActions({
  onUp,
  onDown,
  onRemove,
  testId,
}: {
  onUp?: () => void;
  onDown?: () => void;
  onRemove?: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={t('surveys.editor.up')}>
        <ActionIcon
          variant="subtle"
          color="gray"
          disabled={!onUp}
          onClick={onUp}
          aria-label={t('surveys.editor.up')}
          data-testid={`${testId}-up`}
        >
          ↑
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('surveys.editor.down')}>
        <ActionIcon
          variant="subtle"
          color="gray"
          disabled={!onDown}
          onClick={onDown}
          aria-label={t('surveys.editor.down')}
          data-testid={`${testId}-down`}
        >
          ↓
        </ActionIcon>
      </Tooltip>
      {onRemove && (
        <Tooltip label={t('surveys.editor.remove')}>
          <ActionIcon
            variant="subtle"
            color="red"
            onClick={onRemove}
            aria-label={t('surveys.editor.remove')}
            data-testid={`${testId}-remove`}
          >
            ✕
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

interface Props {
  question: Question;
  onChange: (q: Question) => void;
  /** the kinds this question may take here (one: no kind picker) */
  kinds: readonly QuestionKind[];
  errors: Errors;
  testId: string;
  /** filter questions: an answer may end the survey */
  allowScreenOut?: boolean;
  /** lost-customer barometer: an answer may record a lost reason */
  allowLostReason?: boolean;
  actions?: ReactNode;
  title?: string;
}

/** One question of the questionnaire: key, kind, labels, and what its kind needs (scale, options, length). */
export function QuestionEditor({
  question: q,
  onChange,
  kinds,
  errors,
  testId,
  allowScreenOut,
  allowLostReason,
  actions,
  title,
}: Props) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" p="sm" data-testid={testId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} size="sm">
            {title ?? t(`surveys.editor.kinds.${q.kind}`)}
          </Text>
          {actions}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <TextInput
            label={t('surveys.editor.key')}
            description={t('surveys.editor.keyHint')}
            value={q.key}
            onChange={(e) => onChange({ ...q, key: e.currentTarget.value })}
            error={errors.key}
            data-testid={`${testId}-key`}
          />
          {kinds.length > 1 ? (
            <Select
              label={t('surveys.editor.kind')}
              data={kinds.map((k) => ({ value: k, label: t(`surveys.editor.kinds.${k}`) }))}
              value={q.kind}
              allowDeselect={false}
              onChange={(k) => k && onChange(questionOfKind(k as QuestionKind, q))}
              data-testid={`${testId}-kind`}
            />
          ) : (
            <div />
          )}
          <Switch
            mt={{ base: 0, sm: 'xl' }}
            label={t('surveys.editor.required')}
            checked={q.required}
            onChange={(e) => onChange({ ...q, required: e.currentTarget.checked })}
          />
        </SimpleGrid>
        <BilingualInputs
          value={q.label}
          onChange={(label) => onChange({ ...q, label })}
          errors={errors}
          prefix="label"
          label={t('surveys.editor.question')}
          testId={`${testId}-label`}
        />
        {(q.kind === 'satisfaction' || q.kind === 'importance') && (
          <Group gap="md" align="flex-end">
            <Select
              label={t('surveys.editor.scale')}
              data={(['four_level', 'score_10'] as const).map((s) => ({
                value: s,
                label: t(`surveys.editor.scales.${s}`),
              }))}
              value={q.scale}
              allowDeselect={false}
              onChange={(s) => s && onChange({ ...q, scale: s as 'four_level' | 'score_10' })}
              data-testid={`${testId}-scale`}
              w={220}
            />
            {q.kind === 'satisfaction' && (
              <Switch
                label={t('surveys.editor.dontKnow')}
                checked={q.dontKnow}
                onChange={(e) => onChange({ ...q, dontKnow: e.currentTarget.checked })}
                mb={6}
              />
            )}
          </Group>
        )}
        {q.kind === 'open' && (
          <NumberInput
            label={t('surveys.editor.maxLength')}
            value={q.maxLength}
            min={10}
            max={5000}
            onChange={(v) => onChange({ ...q, maxLength: typeof v === 'number' ? v : 2000 })}
            error={errors.maxLength}
            w={220}
          />
        )}
        {q.kind === 'choice' && (
          <Stack gap="xs">
            <Switch
              label={t('surveys.editor.multiple')}
              checked={q.multiple}
              onChange={(e) => onChange({ ...q, multiple: e.currentTarget.checked })}
            />
            {errors.options && (
              <Text c="red" size="sm">
                {errors.options}
              </Text>
            )}
            {q.options.map((o, i) => (
              <Card
                key={slot(i, q.options.length)}
                withBorder
                p="xs"
                bg="gray.0"
                data-testid={`${testId}-option-${i}`}
              >
                <Group justify="space-between" mb={4} wrap="nowrap">
                  <Text size="xs" c="dimmed">
                    {t('surveys.editor.option', { n: i + 1 })}
                  </Text>
                  <ItemActions
                    testId={`${testId}-option-${i}`}
                    onUp={i > 0 ? () => onChange({ ...q, options: moved(q.options, i, -1) }) : undefined}
                    onDown={
                      i < q.options.length - 1
                        ? () => onChange({ ...q, options: moved(q.options, i, 1) })
                        : undefined
                    }
                    onRemove={
                      q.options.length > 2
                        ? () => onChange({ ...q, options: removed(q.options, i) })
                        : undefined
                    }
                  />
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                  <TextInput
                    label={t('surveys.editor.value')}
                    value={o.value}
                    onChange={(e) =>
                      onChange({
                        ...q,
                        options: q.options.map((x, j) =>
                          j === i ? { ...x, value: e.currentTarget.value } : x,
                        ),
                      })
                    }
                    error={errors[`options.${i}.value`]}
                  />
                  <TextInput
                    label={`${t('surveys.editor.answer')} (${t('surveys.editor.fr')})`}
                    value={o.label.fr}
                    onChange={(e) =>
                      onChange({
                        ...q,
                        options: q.options.map((x, j) =>
                          j === i ? { ...x, label: { ...x.label, fr: e.currentTarget.value } } : x,
                        ),
                      })
                    }
                    error={errors[`options.${i}.label.fr`]}
                    data-testid={`${testId}-option-${i}-fr`}
                  />
                  <TextInput
                    label={`${t('surveys.editor.answer')} (${t('surveys.editor.en')})`}
                    value={o.label.en ?? ''}
                    onChange={(e) =>
                      onChange({
                        ...q,
                        options: q.options.map((x, j) =>
                          j === i ? { ...x, label: { ...x.label, en: e.currentTarget.value } } : x,
                        ),
                      })
                    }
                    error={errors[`options.${i}.label.en`]}
                  />
                </SimpleGrid>
                <Group gap="md" mt={6}>
                  {allowScreenOut && (
                    <Switch
                      size="xs"
                      label={t('surveys.editor.screensOut')}
                      checked={o.screensOut}
                      onChange={(e) =>
                        onChange({
                          ...q,
                          options: q.options.map((x, j) =>
                            j === i ? { ...x, screensOut: e.currentTarget.checked } : x,
                          ),
                        })
                      }
                    />
                  )}
                  {allowLostReason && (
                    <Select
                      size="xs"
                      placeholder={t('surveys.editor.lostReason')}
                      aria-label={t('surveys.editor.lostReason')}
                      clearable
                      data={LOST_REASONS.map((r) => ({
                        value: r,
                        label: t(`surveys.editor.lostReasons.${r}`),
                      }))}
                      value={o.lostReason ?? null}
                      onChange={(r) =>
                        onChange({
                          ...q,
                          options: q.options.map((x, j) =>
                            j === i
                              ? { ...x, lostReason: (r as (typeof LOST_REASONS)[number] | null) ?? undefined }
                              : x,
                          ),
                        })
                      }
                      w={200}
                    />
                  )}
                </Group>
              </Card>
            ))}
            {q.options.length < 20 && (
              <Button
                variant="subtle"
                size="xs"
                w="fit-content"
                onClick={() =>
                  onChange({
                    ...q,
                    options: [
                      ...q.options,
                      {
                        value: `option_${q.options.length + 1}`,
                        label: { fr: '', en: '' },
                        screensOut: false,
                      },
                    ],
                  })
                }
                data-testid={`${testId}-add-option`}
              >
                {t('surveys.editor.addOption')}
              </Button>
            )}
          </Stack>
        )}
        {errors[''] && (
          <Text c="red" size="sm">
            {errors['']}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
