/** {@code /datarooms}, {@code /folders}: rooms, folders and the tree (datarooms module). */
package io.coffer.api.datarooms;
