-- The staff inbox (issue 12): threads by last activity, Search, and each thread's LastMessageUtc.

-- The CreatedUtc of the thread's newest message, NULL while it has none; messages/add moves it in
-- the statement that already moves updated_utc, so it costs the write nothing more.
ALTER TABLE message_thread ADD COLUMN last_message_utc TIMESTAMP WITH TIME ZONE;
UPDATE message_thread SET last_message_utc =
    (SELECT MAX(created_utc) FROM message WHERE message.thread_id = message_thread.id);

-- Subject and OriginalSender case-folded by the server (messaging.SearchText), so that Search is the
-- same on both engines: the database compares with LIKE and folds nothing. Rows written before this
-- migration are folded with LOWER(), which agrees with the server's folding for all but a few
-- characters (such as the final sigma).
ALTER TABLE message_thread ADD COLUMN subject_folded VARCHAR(255);
ALTER TABLE message_thread ADD COLUMN original_sender_folded VARCHAR(255);
UPDATE message_thread SET subject_folded = LOWER(subject), original_sender_folded = LOWER(original_sender);
ALTER TABLE message_thread ALTER COLUMN subject_folded SET NOT NULL;
ALTER TABLE message_thread ALTER COLUMN original_sender_folded SET NOT NULL;

-- The staff inbox by last activity: every thread of one enterprise, newest UpdatedUtc first. A
-- Search walks this index (or the created one) in order and stops after Count matches.
CREATE INDEX message_thread_by_enterprise_updated ON message_thread (enterprise_id, updated_utc, seq);
