/** File requests' HTTP face (contract "Search, file requests, Q&A"; docs/features/file-requests.md). */
package io.coffer.api.filerequests;
