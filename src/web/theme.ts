import {
  createTheme,
  Menu,
  darken,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const LIGHT_HUES = ['orange', 'yellow', 'lime', 'green', 'teal', 'cyan'];

/**
 * WCAG 2.1 AA contrast (4.5:1) for every coloured variant: coloured text (light, outline, subtle) is
 * drawn in a darkened shade 9, and filled backgrounds of light hues are darkened so white text reads.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const d = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || !parsed.color || !input.theme.colors[parsed.color]) return d;
  const strong = darken(input.theme.colors[parsed.color][9], 0.25);
  switch (input.variant) {
    case 'light':
    case 'subtle':
      return { ...d, color: strong };
    case 'outline':
      return { ...d, color: strong, border: `1px solid ${strong}` };
    case 'filled':
      return LIGHT_HUES.includes(parsed.color) ? { ...d, background: strong, hover: darken(strong, 0.1) } : d;
    default:
      return d;
  }
};

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: FONT,
  headings: { fontFamily: FONT },
  focusRing: 'always',
  // No transitions for those who ask their system for less motion (app.css does the same for the rest).
  respectReducedMotion: true,
  variantColorResolver,
  components: {
    // Without the focus placeholder (a role=presentation div) a menu holds only menu items (axe aria-required-children).
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
    // Mantine draws a dialog's title bar as <header>, which axe counts as a second banner landmark beside the
    // page's own header (landmark-no-duplicate-banner, landmark-unique). The dialog is named by its title; the bar is a div.
    // Written as the plain object Modal.Header.extend would return: importing Modal here put the whole dialog (and its
    // ScrollArea) into the JavaScript every page loads up front (web-initial-js 235 → 279 KB).
    ModalHeader: { defaultProps: { component: 'div' } },
  },
});

// Mantine's dimmed and placeholder greys and its error red (red.6, field errors) are below 4.5:1 on white; these are not.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#495057', '--mantine-color-placeholder': '#5c636a', '--mantine-color-error': '#c92a2a' },
  dark: {},
});
