/** Visitors' access requests to share links, decided by the links' managers (AR-1..AR-7). */
package io.coffer.api.accessrequests;
