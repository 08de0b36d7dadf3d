import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem-alert';
import type { CampaignListItem } from '../api/campaigns';
import { useCloneCampaign } from '../hooks/use-campaigns';

/** Asks the new name (prefilled "Copie de …") and copies the campaign as a new draft. */
export function CloneCampaignModal({
  campaign,
  onClose,
  onCloned,
}: {
  campaign: CampaignListItem;
  onClose: () => void;
  onCloned: (id: string) => void;
}) {
  const { t } = useTranslation();
  const clone = useCloneCampaign();
  const [name, setName] = useState(t('campaigns.clone.defaultName', { name: campaign.name }));
  const error = clone.error;
  return (
    <Modal opened onClose={onClose} title={t('campaigns.clone.title')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          clone.mutate({ id: campaign.id, name: name.trim() }, { onSuccess: (c) => onCloned(c.id) });
        }}
        data-testid="clone-form"
      >
        <Stack>
          <ProblemAlert error={error} withFieldErrors />
          <TextInput
            label={t('campaigns.clone.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
            data-testid="clone-name"
            error={name.trim() ? null : t('campaigns.clone.nameRequired')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={clone.isPending}
              disabled={!name.trim()}
              data-testid="clone-submit"
            >
              {t('campaigns.clone.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
