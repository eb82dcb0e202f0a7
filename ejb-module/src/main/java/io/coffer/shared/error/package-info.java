/**
 * The errors a module may report to its caller. Each maps to one problem type of the contract; none carries
 * internals (SQL, class names, ids of other tenants) in its message, because the message may reach a client.
 */
package io.coffer.shared.error;
