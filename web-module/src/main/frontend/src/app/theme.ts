import { createTheme } from '@mantine/core';

/**
 * Keep this theme free of anything that changes Mantine's CSS variables (colours, fonts, spacing, radius): the
 * variables are not injected at run time (CSP), only the defaults shipped in @mantine/core/styles.css apply.
 * Component defaults (props) are fine.
 */
export const theme = createTheme({
  components: {},
});
