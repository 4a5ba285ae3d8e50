-- Realtime pushes (server/realtime): what changed is announced on the channel 'trellis_realtime'
-- in the transaction that changes it, so it is delivered at commit and never for a rolled-back
-- write. A payload is "<seq> <topic> <topic> ...": a number from trellis_realtime_seq (so no two
-- payloads are identical, which NOTIFY would merge within a transaction) and the topics, which
-- carry ids only ("request:<uuid>", "user:<uuid>"), never content. One trigger run per statement
-- over its transition tables; its topics are split into payloads of at most about 7,000 bytes
-- (NOTIFY refuses 8,000). The web app refetches what a topic names through the API.
CREATE SEQUENCE trellis_realtime_seq;
--> statement-breakpoint
CREATE FUNCTION trellis_realtime_push(topics text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  topic text;
  chunk text := '';
BEGIN
  IF topics IS NULL THEN
    RETURN;
  END IF;
  FOREACH topic IN ARRAY topics LOOP
    IF length(chunk) + length(topic) > 7000 THEN
      PERFORM pg_notify('trellis_realtime', nextval('trellis_realtime_seq')::text || chunk);
      chunk := '';
    END IF;
    chunk := chunk || ' ' || topic;
  END LOOP;
  IF chunk <> '' THEN
    PERFORM pg_notify('trellis_realtime', nextval('trellis_realtime_seq')::text || chunk);
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION trellis_realtime_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Rows as they are after the statement (as they were, for a delete); the columns named here
  -- (ids and parties) never change on update.
  IF TG_ARGV[0] = 'notification' THEN
    IF TG_OP = 'DELETE' THEN
      PERFORM trellis_realtime_push((SELECT array_agg(DISTINCT 'user:' || user_id::text) FROM old_rows));
    ELSE
      PERFORM trellis_realtime_push((SELECT array_agg(DISTINCT 'user:' || user_id::text) FROM new_rows));
    END IF;
  ELSIF TG_ARGV[0] = 'request' OR TG_ARGV[0] = 'relationship' THEN
    PERFORM trellis_realtime_push((SELECT array_agg(DISTINCT topic) FROM (
      SELECT TG_ARGV[0] || ':' || id::text AS topic FROM new_rows
      UNION ALL SELECT 'programme:' || programme_id::text FROM new_rows
      UNION ALL SELECT 'user:' || mentee_id::text FROM new_rows
      UNION ALL SELECT 'user:' || mentor_id::text FROM new_rows) topics));
  ELSIF TG_ARGV[0] = 'agreement' THEN
    PERFORM trellis_realtime_push((SELECT array_agg(DISTINCT topic) FROM (
      SELECT 'relationship:' || r.id::text AS topic FROM new_rows n JOIN relationships r ON r.id = n.relationship_id
      UNION ALL SELECT 'user:' || r.mentee_id::text FROM new_rows n JOIN relationships r ON r.id = n.relationship_id
      UNION ALL SELECT 'user:' || r.mentor_id::text FROM new_rows n JOIN relationships r ON r.id = n.relationship_id) topics));
  ELSIF TG_ARGV[0] = 'event' THEN
    -- The outbox (domain_events): an event about a request or a pair names that thing's topic, by
    -- the kind's first word ("request.accepted", "agreement.confirmed"). Other kinds push nothing
    -- here: their rows (notifications, runs) push for themselves.
    PERFORM trellis_realtime_push((SELECT array_agg(DISTINCT topic) FROM (
      SELECT CASE split_part(kind, '.', 1)
          WHEN 'request' THEN 'request:' || subject_id::text
          WHEN 'relationship' THEN 'relationship:' || subject_id::text
          WHEN 'agreement' THEN 'relationship:' || subject_id::text
          WHEN 'fit_check' THEN 'relationship:' || subject_id::text
        END AS topic FROM new_rows WHERE subject_id IS NOT NULL) topics WHERE topic IS NOT NULL));
  ELSE
    -- 'match-run' and 'csv-import': the run or import, and its programme (its list of runs).
    PERFORM trellis_realtime_push((SELECT array_agg(DISTINCT topic) FROM (
      SELECT TG_ARGV[0] || ':' || id::text AS topic FROM new_rows
      UNION ALL SELECT 'programme:' || programme_id::text FROM new_rows) topics));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER notifications_realtime_insert AFTER INSERT ON notifications REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_changes('notification');
--> statement-breakpoint
CREATE TRIGGER notifications_realtime_update AFTER UPDATE ON notifications REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_changes('notification');
--> statement-breakpoint
CREATE TRIGGER notifications_realtime_delete AFTER DELETE ON notifications REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_changes('notification');
--> statement-breakpoint
CREATE TRIGGER requests_realtime_insert AFTER INSERT ON mentoring_requests REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_changes('request');
--> statement-breakpoint
CREATE TRIGGER requests_realtime_update AFTER UPDATE ON mentoring_requests REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_changes('request');
--> statement-breakpoint
CREATE TRIGGER relationships_realtime_insert AFTER INSERT ON relationships REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_changes('relationship');
--> statement-breakpoint
CREATE TRIGGER relationships_realtime_update AFTER UPDATE ON relationships REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_changes('relationship');
--> statement-breakpoint
CREATE TRIGGER agreements_realtime_insert AFTER INSERT ON agreements REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_changes('agreement');
--> statement-breakpoint
CREATE TRIGGER agreements_realtime_update AFTER UPDATE ON agreements REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_changes('agreement');
--> statement-breakpoint
CREATE TRIGGER match_runs_realtime_insert AFTER INSERT ON match_runs REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_changes('match-run');
--> statement-breakpoint
CREATE TRIGGER match_runs_realtime_update AFTER UPDATE ON match_runs REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_changes('match-run');
--> statement-breakpoint
CREATE TRIGGER csv_imports_realtime_insert AFTER INSERT ON csv_imports REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_changes('csv-import');
--> statement-breakpoint
CREATE TRIGGER csv_imports_realtime_update AFTER UPDATE ON csv_imports REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_changes('csv-import');
--> statement-breakpoint
CREATE TRIGGER domain_events_realtime_insert AFTER INSERT ON domain_events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_changes('event');
