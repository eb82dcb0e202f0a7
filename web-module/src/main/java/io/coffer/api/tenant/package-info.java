/** The tenant's own settings: its sign-in policy ({@code /tenant/security}; docs/features/mfa.md, MFA-13..MFA-16). */
package io.coffer.api.tenant;
