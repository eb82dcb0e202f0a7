/** {@code /groups}: tenant-wide groups that grants name (docs/features/permissions.md). */
package io.coffer.api.groups;
