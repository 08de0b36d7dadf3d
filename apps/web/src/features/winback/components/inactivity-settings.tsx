import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { TIERS } from '@relance/domain/indicators';
import type { InactivityRule } from '@relance/domain/winback/settings';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listSegmentNames } from '../api/winback';
import { numberInput, type WinbackForm } from './settings-inputs';

/** One inactivity rule: months without an order and/or a drop in spend, either switched off (null). */
function RuleFields({ form, path }: { form: WinbackForm; path: string }) {
  const { t } = useTranslation();
  const rule = path
    .split('.')
    .reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], form.values) as InactivityRule;
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <Checkbox
          label={t('winback.settings.useNoOrder')}
          checked={rule.noOrderMonths !== null}
          onChange={(e) =>
            form.setFieldValue(`${path}.noOrderMonths`, (e.currentTarget.checked ? 12 : null) as never)
          }
          mb={8}
        />
        {rule.noOrderMonths !== null && (
          <NumberInput
            label={t('winback.settings.noOrderMonths')}
            w={170}
            {...numberInput(form, `${path}.noOrderMonths`)}
            data-testid="rule-months"
          />
        )}
      </Group>
      <Group align="flex-end">
        <Checkbox
          label={t('winback.settings.useSpendDrop')}
          checked={rule.spendDrop !== null}
          onChange={(e) =>
            form.setFieldValue(
              `${path}.spendDrop`,
              (e.currentTarget.checked ? { share: 0.5, windowMonths: 12 } : null) as never,
            )
          }
          mb={8}
        />
        {rule.spendDrop !== null && (
          <>
            <NumberInput
              label={t('winback.settings.spendDrop')}
              w={170}
              {...numberInput(form, `${path}.spendDrop.share`, 'percent')}
            />
            <NumberInput
              label={t('winback.settings.spendWindow')}
              w={170}
              {...numberInput(form, `${path}.spendDrop.windowMonths`)}
            />
          </>
        )}
      </Group>
      {form.errors[`${path}.noOrderMonths`] && rule.noOrderMonths === null && (
        <Text size="xs" c="red">
          {form.errors[`${path}.noOrderMonths`]}
        </Text>
      )}
    </Stack>
  );
}

/** The default inactivity rule, and the rules that replace it for a tier or a tag (first match wins). */
export function InactivitySettings({ form }: { form: WinbackForm }) {
  const { t } = useTranslation();
  const overrides = form.values.inactivity.overrides;
  const segments = useQuery({
    queryKey: ['winback', 'segment-names'],
    queryFn: ({ signal }) => listSegmentNames(signal),
  });
  return (
    <Card withBorder>
      <Title order={4}>{t('winback.settings.inactivity')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('winback.settings.inactivityHelp')}
      </Text>
      <RuleFields form={form} path="inactivity.default" />
      <Title order={5} mt="md">
        {t('winback.settings.overrides')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('winback.settings.overridesHelp')}
      </Text>
      <Stack gap="sm">
        {overrides.map((override, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
          <Card key={i} withBorder padding="xs">
            <Group align="flex-end" mb="xs">
              <Select
                label={t('winback.settings.scope')}
                w={150}
                data={[
                  { value: 'tier', label: t('winback.settings.scopeTier') },
                  { value: 'tag', label: t('winback.settings.scopeTag') },
                  { value: 'segment', label: t('winback.settings.scopeSegment') },
                ]}
                value={override.scope.kind}
                allowDeselect={false}
                onChange={(v) =>
                  form.setFieldValue(
                    `inactivity.overrides.${i}.scope`,
                    (v === 'tag'
                      ? { kind: 'tag', tag: '' }
                      : v === 'segment'
                        ? { kind: 'segment', segmentId: '' }
                        : { kind: 'tier', tier: 'gold' }) as never,
                  )
                }
              />
              {override.scope.kind === 'segment' ? (
                <Select
                  label={t('winback.settings.scopeSegment')}
                  w={240}
                  searchable
                  allowDeselect={false}
                  data={(segments.data?.items ?? []).map((seg) => ({ value: seg.id, label: seg.name }))}
                  {...form.getInputProps(`inactivity.overrides.${i}.scope.segmentId`)}
                />
              ) : override.scope.kind === 'tier' ? (
                <Select
                  label={t('winback.settings.scopeTier')}
                  w={150}
                  data={TIERS.map((tier) => ({ value: tier, label: t(`winback.settings.tiers.${tier}`) }))}
                  allowDeselect={false}
                  {...form.getInputProps(`inactivity.overrides.${i}.scope.tier`)}
                />
              ) : (
                <TextInput
                  label={t('winback.settings.scopeTag')}
                  w={200}
                  {...form.getInputProps(`inactivity.overrides.${i}.scope.tag`)}
                />
              )}
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('winback.settings.remove')}
                onClick={() => form.removeListItem('inactivity.overrides', i)}
                mb={4}
              >
                ✕
              </ActionIcon>
            </Group>
            <RuleFields form={form} path={`inactivity.overrides.${i}.rule`} />
          </Card>
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() =>
              form.insertListItem('inactivity.overrides', {
                scope: { kind: 'tier', tier: 'gold' },
                rule: { noOrderMonths: 18, spendDrop: null },
              })
            }
          >
            {t('winback.settings.addOverride')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
