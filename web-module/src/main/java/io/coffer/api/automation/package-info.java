/** REST of automation rules and the daily digest opt-in ({@code /automations}). */
package io.coffer.api.automation;
