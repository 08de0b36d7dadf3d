import { Table, Text } from '@mantine/core';

/** The first rows as the server read them (so that a wrong encoding or delimiter shows at once). */
export function PreviewRows({ headers, rows }: { headers: string[]; rows: string[][] }) {
  return (
    <Table.ScrollContainer minWidth={Math.max(600, headers.length * 120)} maxHeight={260}>
      <Table striped withTableBorder withColumnBorders data-testid="preview-rows" fz="xs">
        <Table.Thead>
          <Table.Tr>
            {headers.map((h) => (
              <Table.Th key={h}>{h}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, r) => (
            // preview rows have no identity; their position is it
            // biome-ignore lint/suspicious/noArrayIndexKey: static rows
            <Table.Tr key={r}>
              {headers.map((h, c) => (
                <Table.Td key={h}>
                  <Text size="xs" lineClamp={1}>
                    {row[c] ?? ''}
                  </Text>
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
