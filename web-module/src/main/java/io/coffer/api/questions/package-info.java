/** Q&A on documents, members' and visitors' sides (docs/features/questions.md, QA-1..QA-10). */
package io.coffer.api.questions;
