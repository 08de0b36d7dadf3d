import {
  ActionIcon,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import type { Operator } from '@relance/domain/segments/operators';
import { useTranslation } from 'react-i18next';
import type { SegmentFieldInfo } from '../api/segments';
import { useCampaignNames } from '../hooks/use-segments';
import { fieldChoices, operatorLabel, optionLabel } from './field-labels';
import { type RuleDraft, valueShape, withField } from './rule-draft';

interface Props {
  rule: RuleDraft;
  fields: readonly SegmentFieldInfo[];
  fieldsByKey: Map<string, SegmentFieldInfo>;
  onChange: (rule: RuleDraft) => void;
  onRemove: () => void;
  errors: readonly string[];
  readOnly: boolean;
  /** position in the tree, for test ids: "0", "1-2" */
  path: string;
}

/** One rule: field, condition, and the value(s) the condition takes, shaped by the field's type. */
export function RuleEditor({ rule, fields, fieldsByKey, onChange, onRemove, errors, readOnly, path }: Props) {
  const { t } = useTranslation();
  const field = rule.field ? fieldsByKey.get(rule.field) : undefined;
  const shape = valueShape(rule.operator);
  const set = (patch: Partial<RuleDraft>) => onChange({ ...rule, ...patch });
  const campaigns = useCampaignNames(field?.type === 'campaign');
  // scores have no unit to show (RFM is 1-5, the reactivation score 0-10: the label says which)
  const unit = field?.unit === 'percent' || field?.unit === 'days' ? t(`segments.units.${field.unit}`) : '';
  const suffix = field?.type === 'money' ? ' €' : unit ? ` ${unit}` : undefined;

  const single = (key: 'value' | 'value2', label: string) => {
    const testId = `rule-${key}-${path}`;
    if (field?.type === 'number' || field?.type === 'money')
      return (
        <NumberInput
          aria-label={label}
          placeholder={label}
          value={rule[key]}
          onChange={(v) => set({ [key]: String(v) })}
          decimalScale={field.type === 'money' ? 2 : undefined}
          suffix={suffix}
          disabled={readOnly}
          data-testid={testId}
          w={130}
        />
      );
    return (
      <TextInput
        aria-label={label}
        placeholder={label}
        type={field?.type === 'date' ? 'date' : 'text'}
        value={rule[key]}
        onChange={(e) => set({ [key]: e.currentTarget.value })}
        disabled={readOnly}
        data-testid={testId}
        w={field?.type === 'date' ? 170 : 220}
      />
    );
  };

  return (
    <Paper withBorder p="xs" data-testid={`rule-${path}`} bg={errors.length ? 'red.0' : undefined}>
      <Stack gap={4}>
        <Group gap="xs" align="flex-start" wrap="nowrap" justify="space-between">
          <Group gap="xs" align="flex-start" wrap="wrap" style={{ flex: 1 }}>
            <Select
              aria-label={t('segments.rule.field')}
              placeholder={t('segments.rule.choose')}
              data={fieldChoices(t, fields)}
              value={rule.field}
              onChange={(key) => onChange(withField(rule, key ? fieldsByKey.get(key) : undefined))}
              searchable
              allowDeselect={false}
              disabled={readOnly}
              data-testid={`rule-field-${path}`}
              w={260}
              maxDropdownHeight={360}
            />
            {field && (
              <Select
                aria-label={t('segments.rule.operator')}
                data={field.operators.map((op) => ({ value: op, label: operatorLabel(t, field, op) }))}
                value={rule.operator}
                onChange={(op) => set({ operator: op as Operator })}
                allowDeselect={false}
                disabled={readOnly}
                data-testid={`rule-operator-${path}`}
                w={170}
              />
            )}
            {field && shape === 'single' && single('value', t('segments.rule.value'))}
            {field && shape === 'range' && (
              <>
                {single('value', t('segments.rule.from'))}
                {single('value2', t('segments.rule.to'))}
              </>
            )}
            {field && shape === 'days' && (
              <NumberInput
                aria-label={t('segments.rule.days')}
                placeholder={t('segments.rule.days')}
                value={rule.days}
                onChange={(v) => set({ days: String(v) })}
                min={0}
                allowDecimal={false}
                suffix={` ${t('segments.units.days')}`}
                disabled={readOnly}
                data-testid={`rule-days-${path}`}
                w={150}
              />
            )}
            {field && shape === 'list' && field.type === 'enum' && (
              <MultiSelect
                aria-label={t('segments.rule.values')}
                data={(field.options ?? []).map((o) => ({ value: o, label: optionLabel(t, field, o) }))}
                value={rule.values}
                onChange={(values) => set({ values })}
                disabled={readOnly}
                data-testid={`rule-values-${path}`}
                miw={220}
              />
            )}
            {field && shape === 'list' && field.type !== 'enum' && (
              <TagsInput
                aria-label={t('segments.rule.values')}
                placeholder={t('segments.rule.values')}
                value={rule.values}
                onChange={(values) => set({ values })}
                splitChars={[',', ';', '\n']}
                acceptValueOnBlur
                clearable
                disabled={readOnly}
                data-testid={`rule-values-${path}`}
                miw={260}
                style={{ flex: 1 }}
              />
            )}
            {field?.defaultWindowDays !== undefined && (
              <NumberInput
                aria-label={t('segments.rule.windowDays')}
                label={t('segments.rule.windowDays')}
                value={rule.windowDays}
                onChange={(v) => set({ windowDays: String(v) })}
                min={1}
                allowDecimal={false}
                disabled={readOnly}
                data-testid={`rule-window-${path}`}
                w={170}
                size="xs"
              />
            )}
            {field?.type === 'campaign' && (
              <Select
                aria-label={t('segments.rule.campaign')}
                placeholder={t('segments.rule.campaign')}
                data={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
                value={rule.campaignId}
                onChange={(id) => set({ campaignId: id })}
                searchable
                disabled={readOnly}
                data-testid={`rule-campaign-${path}`}
                w={240}
              />
            )}
          </Group>
          {!readOnly && (
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={onRemove}
              aria-label={t('segments.rule.remove')}
              title={t('segments.rule.remove')}
              data-testid={`rule-remove-${path}`}
              mt={4}
            >
              ✕
            </ActionIcon>
          )}
        </Group>
        {field?.unavailable && (
          <Text size="xs" c="orange.8">
            {field.unavailable}
          </Text>
        )}
        {errors.map((message) => (
          <Text key={message} size="xs" c="red.8" data-testid={`rule-error-${path}`}>
            {message}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
