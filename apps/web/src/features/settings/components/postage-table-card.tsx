import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { POSTAL_FORMATS } from '@relance/domain/planning/costs';
import { useTranslation } from 'react-i18next';
import { euroInput, numberInput, type PlanningSettingsForm } from './settings-number-props';

/** The postage table: per envelope format, the price up to each weight; a letter pays the cheapest band that takes it. */
export function PostageTableCard({ form }: { form: PlanningSettingsForm }) {
  const { t } = useTranslation();
  const bands = form.values.postageTable;
  const tableError = form.errors.postageTable;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={4}>{t('planningSettings.postage.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('planningSettings.postage.hint')}
            </Text>
          </div>
          <Button
            size="xs"
            variant="light"
            data-testid="add-postage-band"
            onClick={() =>
              form.insertListItem('postageTable', { format: 'standard', maxWeightGrams: 20, priceCents: 100 })
            }
          >
            {t('planningSettings.postage.add')}
          </Button>
        </Group>
        {tableError && (
          <Text c="red" size="sm">
            {tableError}
          </Text>
        )}
        <Table verticalSpacing={4} data-testid="postage-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('campaigns.unit.format')}</Table.Th>
              <Table.Th>{t('planningSettings.postage.maxWeight')}</Table.Th>
              <Table.Th>{t('planningSettings.postage.price')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bands.map((_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: bands have no identity but their position in the table
              <Table.Tr key={i} data-testid="postage-band">
                <Table.Td>
                  <Select
                    size="xs"
                    aria-label={t('campaigns.unit.format')}
                    data={POSTAL_FORMATS.map((v) => ({ value: v, label: t(`campaigns.unit.formats.${v}`) }))}
                    allowDeselect={false}
                    {...form.getInputProps(`postageTable.${i}.format`)}
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    size="xs"
                    aria-label={t('planningSettings.postage.maxWeight')}
                    suffix=" g"
                    allowDecimal={false}
                    {...numberInput(form, `postageTable.${i}.maxWeightGrams`)}
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    size="xs"
                    aria-label={t('planningSettings.postage.price')}
                    {...euroInput(form, `postageTable.${i}.priceCents`)}
                  />
                </Table.Td>
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('planningSettings.postage.remove')}
                    disabled={bands.length === 1}
                    onClick={() => form.removeListItem('postageTable', i)}
                  >
                    ✕
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
