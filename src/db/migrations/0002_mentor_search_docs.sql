-- Mentor search (src/db/repositories/mentor-search.repository.ts) and the change feed
-- (src/db/change-feed.ts). btree_gin lets one GIN index start with the programme's id.
CREATE EXTENSION IF NOT EXISTS btree_gin;
--> statement-breakpoint
CREATE TABLE "mentor_search_docs" (
	"org_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"search" "tsvector" NOT NULL,
	CONSTRAINT "mentor_search_docs_programme_id_user_id_pk" PRIMARY KEY("programme_id","user_id")
);
--> statement-breakpoint
CREATE INDEX "mentor_search_docs_search_idx" ON "mentor_search_docs" USING gin ("programme_id","search");--> statement-breakpoint
CREATE INDEX "mentor_search_docs_user_idx" ON "mentor_search_docs" USING btree ("user_id");
--> statement-breakpoint
-- A mentor's doc follows their enrolment: made when they enrol as a mentor (or become one), gone
-- when they leave the role or the programme. Status is not copied: search reads it live.
CREATE FUNCTION trellis_enrolment_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (NEW.role NOT IN ('mentor', 'both')
      OR NEW.user_id <> OLD.user_id OR NEW.programme_id <> OLD.programme_id)) THEN
    DELETE FROM mentor_search_docs WHERE programme_id = OLD.programme_id AND user_id = OLD.user_id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.role IN ('mentor', 'both') THEN
    INSERT INTO mentor_search_docs (org_id, programme_id, user_id, search)
    SELECT NEW.org_id, NEW.programme_id, NEW.user_id, p.search
    FROM profiles p WHERE p.org_id = NEW.org_id AND p.user_id = NEW.user_id
    ON CONFLICT (programme_id, user_id) DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER enrolments_search_doc AFTER INSERT OR DELETE OR UPDATE OF role, user_id, programme_id
  ON enrolments FOR EACH ROW EXECUTE FUNCTION trellis_enrolment_search_doc();
--> statement-breakpoint
-- A profile's words go to every programme where its owner mentors (a mentor enrolled before
-- having a profile gets their doc when the profile is made).
CREATE FUNCTION trellis_profile_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM mentor_search_docs WHERE org_id = OLD.org_id AND user_id = OLD.user_id;
  ELSE
    INSERT INTO mentor_search_docs (org_id, programme_id, user_id, search)
    SELECT e.org_id, e.programme_id, e.user_id, NEW.search
    FROM enrolments e
    WHERE e.user_id = NEW.user_id AND e.org_id = NEW.org_id AND e.role IN ('mentor', 'both')
    ON CONFLICT (programme_id, user_id) DO UPDATE SET search = EXCLUDED.search;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER profiles_search_doc_insert_delete AFTER INSERT OR DELETE ON profiles
  FOR EACH ROW EXECUTE FUNCTION trellis_profile_search_doc();
--> statement-breakpoint
CREATE TRIGGER profiles_search_doc_update AFTER UPDATE ON profiles
  FOR EACH ROW WHEN (OLD.search IS DISTINCT FROM NEW.search) EXECUTE FUNCTION trellis_profile_search_doc();
--> statement-breakpoint
INSERT INTO mentor_search_docs (org_id, programme_id, user_id, search)
SELECT e.org_id, e.programme_id, e.user_id, p.search
FROM enrolments e JOIN profiles p ON p.org_id = e.org_id AND p.user_id = e.user_id
WHERE e.role IN ('mentor', 'both');
--> statement-breakpoint
-- The change feed (src/db/change-feed.ts): every committed write to the rows a programme's
-- mentor search is built from is announced on the channel 'trellis_changes', naming the person:
-- "<org>//<user>" for a profile, "<org>/<programme>/<user>" for an enrolment, and
-- "<org>/<programme>/<mentor>" for a relationship (it holds a place of the mentor's capacity).
-- Set-based: one trigger run per statement over its transition tables (an update announces rows
-- as they were and as they are). A statement that changes more than 1,000 people announces its
-- programmes ("<org>/<programme>") or organisations ("<org>") instead: listeners then read those
-- whole. NOTIFY is delivered at commit, never for a rolled-back write; repeats within a
-- transaction are sent once.
CREATE FUNCTION trellis_announce(people text[], wholes text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  payload text;
BEGIN
  IF people IS NULL THEN
    RETURN;
  END IF;
  FOREACH payload IN ARRAY (CASE WHEN cardinality(people) > 1000 THEN wholes ELSE people END) LOOP
    PERFORM pg_notify('trellis_changes', payload);
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE FUNCTION trellis_announce_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One branch per table and operation: each names only the columns and transition tables it has.
  IF TG_ARGV[0] = 'profile' THEN
    IF TG_OP = 'INSERT' THEN
      PERFORM trellis_announce((SELECT array_agg(DISTINCT org_id::text || '//' || user_id::text) FROM new_rows),
        (SELECT array_agg(DISTINCT org_id::text) FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
      PERFORM trellis_announce(
        (SELECT array_agg(DISTINCT changed) FROM (SELECT org_id::text || '//' || user_id::text AS changed FROM new_rows
          UNION ALL SELECT org_id::text || '//' || user_id::text FROM old_rows) people),
        (SELECT array_agg(DISTINCT changed) FROM (SELECT org_id::text AS changed FROM new_rows
          UNION ALL SELECT org_id::text FROM old_rows) wholes));
    ELSE
      PERFORM trellis_announce((SELECT array_agg(DISTINCT org_id::text || '//' || user_id::text) FROM old_rows),
        (SELECT array_agg(DISTINCT org_id::text) FROM old_rows));
    END IF;
  ELSIF TG_ARGV[0] = 'enrolment' THEN
    IF TG_OP = 'INSERT' THEN
      PERFORM trellis_announce((SELECT array_agg(DISTINCT org_id::text || '/' || programme_id::text || '/' || user_id::text) FROM new_rows),
        (SELECT array_agg(DISTINCT org_id::text || '/' || programme_id::text) FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
      PERFORM trellis_announce(
        (SELECT array_agg(DISTINCT changed) FROM (SELECT org_id::text || '/' || programme_id::text || '/' || user_id::text AS changed FROM new_rows
          UNION ALL SELECT org_id::text || '/' || programme_id::text || '/' || user_id::text FROM old_rows) people),
        (SELECT array_agg(DISTINCT changed) FROM (SELECT org_id::text || '/' || programme_id::text AS changed FROM new_rows
          UNION ALL SELECT org_id::text || '/' || programme_id::text FROM old_rows) wholes));
    ELSE
      PERFORM trellis_announce((SELECT array_agg(DISTINCT org_id::text || '/' || programme_id::text || '/' || user_id::text) FROM old_rows),
        (SELECT array_agg(DISTINCT org_id::text || '/' || programme_id::text) FROM old_rows));
    END IF;
  ELSE
    IF TG_OP = 'INSERT' THEN
      PERFORM trellis_announce((SELECT array_agg(DISTINCT org_id::text || '/' || programme_id::text || '/' || mentor_id::text) FROM new_rows),
        (SELECT array_agg(DISTINCT org_id::text || '/' || programme_id::text) FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
      PERFORM trellis_announce(
        (SELECT array_agg(DISTINCT changed) FROM (SELECT org_id::text || '/' || programme_id::text || '/' || mentor_id::text AS changed FROM new_rows
          UNION ALL SELECT org_id::text || '/' || programme_id::text || '/' || mentor_id::text FROM old_rows) people),
        (SELECT array_agg(DISTINCT changed) FROM (SELECT org_id::text || '/' || programme_id::text AS changed FROM new_rows
          UNION ALL SELECT org_id::text || '/' || programme_id::text FROM old_rows) wholes));
    ELSE
      PERFORM trellis_announce((SELECT array_agg(DISTINCT org_id::text || '/' || programme_id::text || '/' || mentor_id::text) FROM old_rows),
        (SELECT array_agg(DISTINCT org_id::text || '/' || programme_id::text) FROM old_rows));
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER profiles_announce_insert AFTER INSERT ON profiles REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_announce_changes('profile');
--> statement-breakpoint
CREATE TRIGGER profiles_announce_update AFTER UPDATE ON profiles
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_announce_changes('profile');
--> statement-breakpoint
CREATE TRIGGER profiles_announce_delete AFTER DELETE ON profiles REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_announce_changes('profile');
--> statement-breakpoint
CREATE TRIGGER enrolments_announce_insert AFTER INSERT ON enrolments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_announce_changes('enrolment');
--> statement-breakpoint
CREATE TRIGGER enrolments_announce_update AFTER UPDATE ON enrolments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_announce_changes('enrolment');
--> statement-breakpoint
CREATE TRIGGER enrolments_announce_delete AFTER DELETE ON enrolments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_announce_changes('enrolment');
--> statement-breakpoint
CREATE TRIGGER relationships_announce_insert AFTER INSERT ON relationships REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_announce_changes('relationship');
--> statement-breakpoint
CREATE TRIGGER relationships_announce_update AFTER UPDATE ON relationships
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_announce_changes('relationship');
--> statement-breakpoint
CREATE TRIGGER relationships_announce_delete AFTER DELETE ON relationships REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION trellis_announce_changes('relationship');
