import { Badge } from '@mantine/core';

/** Beside the name of an archived record in a register (objects, behandlingar, suppliers, camera sites, controls). */
export function ArchivedBadge({ show, label }: { show: boolean; label: string }) {
  return show ? <Badge color="gray" variant="outline" size="sm" tt="none">{label}</Badge> : null;
}
