import { createTheme, Modal } from '@mantine/core';

/**
 * Keep this theme free of anything that changes Mantine's CSS variables (colours, fonts, spacing, radius): the
 * variables are not injected at run time (CSP), only the defaults shipped in @mantine/core/styles.css apply.
 * Component defaults (props) are fine: a Modal's scroll lock injects a <style> element, which the CSP refuses, so it
 * is off for every Modal (the e2e suite fails on any CSP violation).
 */
export const theme = createTheme({
  components: {
    Modal: Modal.extend({ defaultProps: { lockScroll: false } }),
  },
});
