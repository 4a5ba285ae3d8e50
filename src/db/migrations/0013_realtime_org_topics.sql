-- Realtime pushes for organisation-wide data (issue 9): a programme changing (its state, its
-- settings, a new one) names the programme and its organisation ("org:<id>": the programme list,
-- Home's manager part); a membership changing (a member added, a role changed, deactivated) names
-- the organisation and the person; an enrolment changing names its programme and its person.
-- Same payload rules as trellis_realtime_changes (ids only, split under NOTIFY's limit).
CREATE FUNCTION trellis_realtime_org_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF TG_ARGV[0] = 'programme' THEN
      PERFORM trellis_realtime_push((SELECT array_agg(DISTINCT topic) FROM (
        SELECT 'programme:' || id::text AS topic FROM old_rows
        UNION ALL SELECT 'org:' || org_id::text FROM old_rows) topics));
    ELSIF TG_ARGV[0] = 'membership' THEN
      PERFORM trellis_realtime_push((SELECT array_agg(DISTINCT topic) FROM (
        SELECT 'org:' || org_id::text AS topic FROM old_rows
        UNION ALL SELECT 'user:' || user_id::text FROM old_rows) topics));
    ELSE
      PERFORM trellis_realtime_push((SELECT array_agg(DISTINCT topic) FROM (
        SELECT 'programme:' || programme_id::text AS topic FROM old_rows
        UNION ALL SELECT 'user:' || user_id::text FROM old_rows) topics));
    END IF;
  ELSIF TG_ARGV[0] = 'programme' THEN
    PERFORM trellis_realtime_push((SELECT array_agg(DISTINCT topic) FROM (
      SELECT 'programme:' || id::text AS topic FROM new_rows
      UNION ALL SELECT 'org:' || org_id::text FROM new_rows) topics));
  ELSIF TG_ARGV[0] = 'membership' THEN
    PERFORM trellis_realtime_push((SELECT array_agg(DISTINCT topic) FROM (
      SELECT 'org:' || org_id::text AS topic FROM new_rows
      UNION ALL SELECT 'user:' || user_id::text FROM new_rows) topics));
  ELSE
    PERFORM trellis_realtime_push((SELECT array_agg(DISTINCT topic) FROM (
      SELECT 'programme:' || programme_id::text AS topic FROM new_rows
      UNION ALL SELECT 'user:' || user_id::text FROM new_rows) topics));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER programmes_realtime_insert AFTER INSERT ON programmes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_org_changes('programme');
--> statement-breakpoint
CREATE TRIGGER programmes_realtime_update AFTER UPDATE ON programmes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_org_changes('programme');
--> statement-breakpoint
CREATE TRIGGER programmes_realtime_delete AFTER DELETE ON programmes REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_org_changes('programme');
--> statement-breakpoint
CREATE TRIGGER memberships_realtime_insert AFTER INSERT ON memberships REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_org_changes('membership');
--> statement-breakpoint
CREATE TRIGGER memberships_realtime_update AFTER UPDATE ON memberships REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_org_changes('membership');
--> statement-breakpoint
CREATE TRIGGER memberships_realtime_delete AFTER DELETE ON memberships REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_org_changes('membership');
--> statement-breakpoint
CREATE TRIGGER enrolments_realtime_insert AFTER INSERT ON enrolments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_org_changes('enrolment');
--> statement-breakpoint
CREATE TRIGGER enrolments_realtime_update AFTER UPDATE ON enrolments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_org_changes('enrolment');
--> statement-breakpoint
CREATE TRIGGER enrolments_realtime_delete AFTER DELETE ON enrolments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_realtime_org_changes('enrolment');
