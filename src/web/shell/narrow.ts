import { useMediaQuery } from '@mantine/hooks';

/** Below Mantine's `sm` breakpoint (48em): a phone, where the navigation is a drawer and wide tables become blocks. */
export const useNarrow = (): boolean => !!useMediaQuery('(max-width: 47.99em)');
