import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import { SMS_MAX_SEGMENTS, type SmsSegmentCount } from '@relance/domain/planning/sms-segments';
import { useTranslation } from 'react-i18next';

/** Encoding, characters, segments out of the 10 allowed and room left in the segment, as operators bill it. */
export function SmsCounter({ count, testId = 'sms-counter' }: { count: SmsSegmentCount; testId?: string }) {
  const { t } = useTranslation();
  const over = count.segments > SMS_MAX_SEGMENTS;
  const color = over ? 'red' : count.encoding === 'ucs2' ? 'orange' : 'teal';
  return (
    <Stack gap={4} data-testid={testId}>
      <Group gap="xs">
        <Badge
          color={count.encoding === 'ucs2' ? 'orange' : 'gray'}
          variant="light"
          data-testid="sms-encoding"
        >
          {count.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2'}
        </Badge>
        <Text size="xs" data-testid="sms-characters">
          {t('campaignContent.sms.characters', { count: count.characters })}
        </Text>
        <Text size="xs" fw={600} c={over ? 'red' : undefined} data-testid="sms-segments">
          {t('campaignContent.sms.segments', { count: count.segments, max: SMS_MAX_SEGMENTS })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('campaignContent.sms.perSegment', { size: count.perSegment, left: count.remainingInSegment })}
        </Text>
      </Group>
      <Progress
        size="xs"
        color={color}
        value={Math.min(100, (count.segments / SMS_MAX_SEGMENTS) * 100)}
        aria-label={t('campaignContent.sms.segments', { count: count.segments, max: SMS_MAX_SEGMENTS })}
      />
      {count.encoding === 'ucs2' && (
        <Text size="xs" c="orange.8" data-testid="sms-ucs2-reason">
          {t('campaignContent.sms.ucs2', { chars: count.nonGsmCharacters.slice(0, 8).join(' ') })}
        </Text>
      )}
      {over && (
        <Text size="xs" c="red" data-testid="sms-too-long">
          {t('campaignContent.sms.tooLong', { max: SMS_MAX_SEGMENTS })}
        </Text>
      )}
    </Stack>
  );
}
