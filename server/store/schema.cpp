// schema: the migrations, applied in order; each is one transaction that bumps user_version.
#include "store/schema.hpp"

#include <array>
#include <string>

namespace classbook::store {
namespace {

// Times are UTC ISO-8601 text; dates are local school dates "YYYY-MM-DD". Every row the portal
// sees has a uuid; integer ids stay inside the box.
constexpr const char* migration_1 = R"SQL(
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE terms (number INTEGER PRIMARY KEY, start_date TEXT NOT NULL, end_date TEXT NOT NULL);
CREATE TABLE work_types (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 10), rank INTEGER NOT NULL DEFAULT 0);

CREATE TABLE teachers (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, last_name TEXT NOT NULL,
  first_name TEXT NOT NULL, middle_name TEXT NOT NULL DEFAULT '', email TEXT, phone TEXT);
CREATE TABLE classes (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
  grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 11), letter TEXT NOT NULL, profile TEXT,
  class_teacher_id INTEGER REFERENCES teachers(id));
CREATE TABLE students (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, last_name TEXT NOT NULL,
  first_name TEXT NOT NULL, middle_name TEXT NOT NULL DEFAULT '', birth_date TEXT,
  class_id INTEGER NOT NULL REFERENCES classes(id), card TEXT UNIQUE, group_no INTEGER NOT NULL DEFAULT 1);
CREATE INDEX students_class ON students(class_id);
CREATE TABLE guardians (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, last_name TEXT NOT NULL,
  first_name TEXT NOT NULL, middle_name TEXT NOT NULL DEFAULT '', phone TEXT, email TEXT);
CREATE TABLE student_guardians (student_id INTEGER NOT NULL REFERENCES students(id),
  guardian_id INTEGER NOT NULL REFERENCES guardians(id), relation TEXT NOT NULL DEFAULT 'parent',
  PRIMARY KEY (student_id, guardian_id)) WITHOUT ROWID;
CREATE INDEX student_guardians_guardian ON student_guardians(guardian_id);
CREATE TABLE subjects (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
  short_name TEXT NOT NULL, textbook_grams INTEGER NOT NULL DEFAULT 0);
CREATE TABLE curriculum (grade INTEGER NOT NULL, profile TEXT NOT NULL DEFAULT '',
  subject_id INTEGER NOT NULL REFERENCES subjects(id), hours_per_week INTEGER NOT NULL,
  PRIMARY KEY (grade, profile, subject_id)) WITHOUT ROWID;
CREATE TABLE teaching (class_id INTEGER NOT NULL REFERENCES classes(id),
  subject_id INTEGER NOT NULL REFERENCES subjects(id), teacher_id INTEGER NOT NULL REFERENCES teachers(id),
  PRIMARY KEY (class_id, subject_id, teacher_id)) WITHOUT ROWID;
CREATE INDEX teaching_teacher ON teaching(teacher_id);
CREATE TABLE rooms (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);

CREATE TABLE bell_periods (variant TEXT NOT NULL, number INTEGER NOT NULL,
  start_minute INTEGER NOT NULL, end_minute INTEGER NOT NULL, break_after_name TEXT,
  PRIMARY KEY (variant, number)) WITHOUT ROWID;
CREATE TABLE bell_variants (weekday INTEGER PRIMARY KEY CHECK (weekday BETWEEN 1 AND 7), variant TEXT NOT NULL);
CREATE TABLE timetable (class_id INTEGER NOT NULL REFERENCES classes(id), weekday INTEGER NOT NULL,
  period INTEGER NOT NULL, group_no INTEGER NOT NULL DEFAULT 0, subject_id INTEGER NOT NULL REFERENCES subjects(id),
  teacher_id INTEGER NOT NULL REFERENCES teachers(id), room_id INTEGER REFERENCES rooms(id),
  PRIMARY KEY (class_id, weekday, period, group_no)) WITHOUT ROWID;
CREATE TABLE timetable_changes (id INTEGER PRIMARY KEY, date TEXT NOT NULL, class_id INTEGER NOT NULL,
  period INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('substitution','cancelled','room','moved')),
  subject_id INTEGER, teacher_id INTEGER, room_id INTEGER, note TEXT);

CREATE TABLE lessons (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, date TEXT NOT NULL,
  period INTEGER NOT NULL, class_id INTEGER NOT NULL REFERENCES classes(id), group_no INTEGER NOT NULL DEFAULT 0,
  subject_id INTEGER NOT NULL REFERENCES subjects(id), teacher_id INTEGER NOT NULL REFERENCES teachers(id),
  room_id INTEGER REFERENCES rooms(id), topic TEXT NOT NULL DEFAULT '', cancelled INTEGER NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX lessons_slot ON lessons(class_id, date, period, group_no);
CREATE INDEX lessons_subject ON lessons(class_id, subject_id, date);
CREATE TABLE homework (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  lesson_id INTEGER NOT NULL REFERENCES lessons(id), text TEXT NOT NULL, mandatory INTEGER NOT NULL DEFAULT 1,
  due_date TEXT NOT NULL, created_at TEXT NOT NULL, revised_at TEXT NOT NULL);
CREATE INDEX homework_lesson ON homework(lesson_id);

CREATE TABLE marks (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  student_id INTEGER NOT NULL REFERENCES students(id), lesson_id INTEGER NOT NULL REFERENCES lessons(id),
  value INTEGER NOT NULL, work_type_id INTEGER NOT NULL REFERENCES work_types(id),
  comment TEXT NOT NULL DEFAULT '', set_by INTEGER NOT NULL, created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL, deleted_at TEXT, deleted_reason TEXT);
CREATE INDEX marks_student ON marks(student_id, lesson_id);
CREATE INDEX marks_lesson ON marks(lesson_id);
CREATE TABLE mark_history (id INTEGER PRIMARY KEY, mark_id INTEGER NOT NULL REFERENCES marks(id),
  value INTEGER NOT NULL, work_type_id INTEGER NOT NULL, comment TEXT NOT NULL,
  replaced_by_user INTEGER NOT NULL, replaced_at TEXT NOT NULL, reason TEXT NOT NULL, op TEXT NOT NULL);
CREATE INDEX mark_history_mark ON mark_history(mark_id);
CREATE TABLE dots (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, student_id INTEGER NOT NULL,
  lesson_id INTEGER NOT NULL, set_on TEXT NOT NULL, expires_on TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'open', mark_id INTEGER, set_by INTEGER NOT NULL);
CREATE INDEX dots_student ON dots(student_id, state);
CREATE TABLE term_grades (student_id INTEGER NOT NULL, subject_id INTEGER NOT NULL, term INTEGER NOT NULL,
  uuid TEXT NOT NULL UNIQUE, grade INTEGER NOT NULL, proposed INTEGER, set_by INTEGER NOT NULL,
  set_at TEXT NOT NULL, PRIMARY KEY (student_id, subject_id, term)) WITHOUT ROWID;

CREATE TABLE attendance (lesson_id INTEGER NOT NULL REFERENCES lessons(id),
  student_id INTEGER NOT NULL REFERENCES students(id), presence TEXT NOT NULL,
  late_minutes INTEGER NOT NULL DEFAULT 0, set_by INTEGER NOT NULL, set_at TEXT NOT NULL,
  PRIMARY KEY (lesson_id, student_id)) WITHOUT ROWID;
CREATE INDEX attendance_student ON attendance(student_id);
CREATE TABLE taps (id INTEGER PRIMARY KEY, tap_id TEXT NOT NULL UNIQUE, student_id INTEGER,
  card TEXT NOT NULL, reader TEXT NOT NULL, kiosk TEXT NOT NULL DEFAULT '', at TEXT NOT NULL,
  result TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE INDEX taps_student ON taps(student_id, at);
CREATE TABLE presence (student_id INTEGER PRIMARY KEY, inside INTEGER NOT NULL, last_at TEXT NOT NULL);
CREATE TABLE absence_notices (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  student_id INTEGER NOT NULL REFERENCES students(id), from_date TEXT NOT NULL, to_date TEXT NOT NULL,
  reason TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '', guardian_id INTEGER, created_at TEXT NOT NULL);
CREATE INDEX absence_notices_student ON absence_notices(student_id, from_date);
CREATE TABLE acknowledgements (student_id INTEGER NOT NULL, week TEXT NOT NULL, user_id INTEGER NOT NULL,
  uuid TEXT NOT NULL UNIQUE, at TEXT NOT NULL, content_hash TEXT NOT NULL,
  PRIMARY KEY (student_id, week, user_id)) WITHOUT ROWID;

CREATE TABLE announcements (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, class_id INTEGER,
  author_user INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE threads (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, subject TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE thread_members (thread_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
  PRIMARY KEY (thread_id, user_id)) WITHOUT ROWID;
CREATE TABLE messages (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, thread_id INTEGER NOT NULL,
  author_user INTEGER NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX messages_thread ON messages(thread_id, id);
CREATE TABLE events (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, class_id INTEGER,
  date TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL DEFAULT '');
CREATE TABLE behaviour_notes (student_id INTEGER NOT NULL, week TEXT NOT NULL, uuid TEXT NOT NULL UNIQUE,
  text TEXT NOT NULL, author_user INTEGER NOT NULL, at TEXT NOT NULL,
  PRIMARY KEY (student_id, week)) WITHOUT ROWID;
CREATE TABLE clubs (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  teacher_id INTEGER, room_id INTEGER);
CREATE TABLE club_sessions (club_id INTEGER NOT NULL, weekday INTEGER NOT NULL, start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL, PRIMARY KEY (club_id, weekday, start_minute)) WITHOUT ROWID;
CREATE TABLE club_members (club_id INTEGER NOT NULL, student_id INTEGER NOT NULL,
  PRIMARY KEY (club_id, student_id)) WITHOUT ROWID;
CREATE TABLE appeals (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, number TEXT NOT NULL UNIQUE,
  author_user INTEGER NOT NULL, topic TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL,
  answer TEXT, created_at TEXT NOT NULL, answered_at TEXT);

CREATE TABLE users (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, login TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL, role TEXT NOT NULL, person_id INTEGER, display_name TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1, disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL, password_changed_at TEXT);
CREATE TABLE sessions (id INTEGER PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, user_id INTEGER NOT NULL
  REFERENCES users(id), csrf TEXT NOT NULL, created_at TEXT NOT NULL, last_seen_at TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '', user_agent TEXT NOT NULL DEFAULT '');
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE kiosks (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
  cert_fingerprint TEXT UNIQUE, token_hash TEXT UNIQUE, revoked INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL);

CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, uuid TEXT NOT NULL,
  op TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL, shipped_at TEXT);
CREATE TABLE audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor_user INTEGER NOT NULL,
  entity TEXT NOT NULL, uuid TEXT NOT NULL, action TEXT NOT NULL, before TEXT NOT NULL,
  after TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
)SQL";

// The office's roster: a pupil who leaves keeps every row that marks and attendance refer to and is
// marked as gone instead; accounts are found by their person for the office's lists.
constexpr const char* migration_2 = R"SQL(
ALTER TABLE students ADD COLUMN left_on TEXT;
ALTER TABLE students ADD COLUMN left_reason TEXT;
CREATE INDEX users_person ON users(person_id, role);
CREATE INDEX guardians_name ON guardians(last_name, first_name);
)SQL";

// The lesson version of each class (store::lesson_version): bumped by every change to what a diary
// shows beside a lesson's marks — the class's lessons and homework (per class), or subjects,
// teachers, rooms and bells (class 0: every class). Triggers, so that writes from any connection
// count, and the diary can share one read of a class's week among its pupils.
constexpr const char* migration_3 = R"SQL(
CREATE TABLE lesson_versions (class_id INTEGER PRIMARY KEY, version INTEGER NOT NULL);
CREATE TRIGGER lessons_versions_insert AFTER INSERT ON lessons BEGIN INSERT INTO lesson_versions VALUES (NEW.class_id, 1) ON CONFLICT(class_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER lessons_versions_update AFTER UPDATE ON lessons BEGIN INSERT INTO lesson_versions VALUES (OLD.class_id, 1) ON CONFLICT(class_id) DO UPDATE SET version = version + 1;
  INSERT INTO lesson_versions VALUES (NEW.class_id, 1) ON CONFLICT(class_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER lessons_versions_delete AFTER DELETE ON lessons BEGIN INSERT INTO lesson_versions VALUES (OLD.class_id, 1) ON CONFLICT(class_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER homework_versions_insert AFTER INSERT ON homework BEGIN
  INSERT INTO lesson_versions SELECT class_id, 1 FROM lessons WHERE id = NEW.lesson_id ON CONFLICT(class_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER homework_versions_update AFTER UPDATE ON homework BEGIN
  INSERT INTO lesson_versions SELECT class_id, 1 FROM lessons WHERE id = OLD.lesson_id ON CONFLICT(class_id) DO UPDATE SET version = version + 1;
  INSERT INTO lesson_versions SELECT class_id, 1 FROM lessons WHERE id = NEW.lesson_id ON CONFLICT(class_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER homework_versions_delete AFTER DELETE ON homework BEGIN
  INSERT INTO lesson_versions SELECT class_id, 1 FROM lessons WHERE id = OLD.lesson_id ON CONFLICT(class_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER subjects_versions_update AFTER UPDATE ON subjects BEGIN INSERT INTO lesson_versions VALUES (0, 1) ON CONFLICT(class_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER teachers_versions_update AFTER UPDATE ON teachers BEGIN INSERT INTO lesson_versions VALUES (0, 1) ON CONFLICT(class_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER rooms_versions_update AFTER UPDATE ON rooms BEGIN INSERT INTO lesson_versions VALUES (0, 1) ON CONFLICT(class_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER rooms_versions_delete AFTER DELETE ON rooms BEGIN INSERT INTO lesson_versions VALUES (0, 1) ON CONFLICT(class_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER bell_periods_versions_insert AFTER INSERT ON bell_periods BEGIN INSERT INTO lesson_versions VALUES (0, 1) ON CONFLICT(class_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER bell_periods_versions_update AFTER UPDATE ON bell_periods BEGIN INSERT INTO lesson_versions VALUES (0, 1) ON CONFLICT(class_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER bell_periods_versions_delete AFTER DELETE ON bell_periods BEGIN INSERT INTO lesson_versions VALUES (0, 1) ON CONFLICT(class_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER bell_variants_versions_insert AFTER INSERT ON bell_variants BEGIN INSERT INTO lesson_versions VALUES (0, 1) ON CONFLICT(class_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER bell_variants_versions_update AFTER UPDATE ON bell_variants BEGIN INSERT INTO lesson_versions VALUES (0, 1) ON CONFLICT(class_id) DO UPDATE SET version = version + 1; END;
CREATE TRIGGER bell_variants_versions_delete AFTER DELETE ON bell_variants BEGIN INSERT INTO lesson_versions VALUES (0, 1) ON CONFLICT(class_id) DO UPDATE SET version = version + 1; END;
)SQL";

// Per-date changes become exported rows (migration 1 kept them by integer id, a move as two rows
// and every change for the whole period): each gets a uuid, the group it changes (0: every group
// of that period), a move's target period on its own row, and who made it when. Existing moves
// are folded into one row here — the leaving half (note never NULL) takes the arriving half's
// period (the next id, note NULL), and arriving halves go — so the code reads one shape only.
// Rows from before keep created_by 0 and created_at '': nobody recorded them.
constexpr const char* migration_4 = R"SQL(
ALTER TABLE timetable_changes ADD COLUMN uuid TEXT;
ALTER TABLE timetable_changes ADD COLUMN group_no INTEGER NOT NULL DEFAULT 0;
ALTER TABLE timetable_changes ADD COLUMN new_period INTEGER;
ALTER TABLE timetable_changes ADD COLUMN created_by INTEGER NOT NULL DEFAULT 0;
ALTER TABLE timetable_changes ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
UPDATE timetable_changes SET new_period = (SELECT a.period FROM timetable_changes a
  WHERE a.id = timetable_changes.id + 1 AND a.kind = 'moved' AND a.note IS NULL)
  WHERE kind = 'moved' AND note IS NOT NULL;
DELETE FROM timetable_changes WHERE kind = 'moved' AND note IS NULL;
UPDATE timetable_changes SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
  substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random() % 4), 1) ||
  substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
CREATE UNIQUE INDEX timetable_changes_uuid ON timetable_changes(uuid);
CREATE INDEX timetable_changes_day ON timetable_changes(date, class_id);
)SQL";

// Kiosks as devices with identities (docs/kiosk-protocol.md): a mode, a one-time enrolment code
// (its hash, valid until code_expires_at), the certificate it earned, when it was last seen.
// kiosk_version moves whenever an identity changes — from any process, by trigger — so the server's
// cache of kiosk identities knows with one row's read that a revocation happened.
// The hall kiosk's PINs keep their failure count and lock here, so a restart does not reset them.
// Taps keep the direction the kiosk asked for. The anomaly rules read what the tap's transaction
// touches anyway — the pupil's presence row (now with the kiosk of the last tap) and one counter
// row per kiosk of unknown cards in a row — rather than new indexes on taps, which would cost
// every tap's commit a random page more. security_events is the entrances' security log and
// anomaly_notices remembers which class-teacher messages were sent (one per pupil, kind and day).
constexpr const char* migration_5 = R"SQL(
ALTER TABLE kiosks ADD COLUMN mode TEXT NOT NULL DEFAULT 'entrance' CHECK (mode IN ('entrance','hall'));
ALTER TABLE kiosks ADD COLUMN code_hash TEXT;
ALTER TABLE kiosks ADD COLUMN code_expires_at TEXT;
ALTER TABLE kiosks ADD COLUMN enrolled_at TEXT;
ALTER TABLE kiosks ADD COLUMN last_seen_at TEXT;
ALTER TABLE kiosks ADD COLUMN revoked_at TEXT;
UPDATE kiosks SET enrolled_at = created_at WHERE token_hash IS NOT NULL OR cert_fingerprint IS NOT NULL;
CREATE UNIQUE INDEX kiosks_code ON kiosks(code_hash);
CREATE TABLE kiosk_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT INTO kiosk_version VALUES (1, 1);
CREATE TRIGGER kiosks_version_update AFTER UPDATE OF name, mode, cert_fingerprint, token_hash, revoked ON kiosks
  BEGIN UPDATE kiosk_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER kiosks_version_delete AFTER DELETE ON kiosks
  BEGIN UPDATE kiosk_version SET version = version + 1 WHERE id = 1; END;
CREATE TABLE kiosk_pins (student_id INTEGER PRIMARY KEY REFERENCES students(id), pin_hash TEXT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0, locked_until TEXT, set_by INTEGER NOT NULL, set_at TEXT NOT NULL);
ALTER TABLE taps ADD COLUMN direction TEXT NOT NULL DEFAULT 'toggle';
ALTER TABLE presence ADD COLUMN last_kiosk INTEGER NOT NULL DEFAULT 0;
CREATE TABLE kiosk_unknown_runs (kiosk_id INTEGER PRIMARY KEY, run INTEGER NOT NULL);
CREATE TABLE security_events (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, at TEXT NOT NULL,
  kind TEXT NOT NULL, kiosk_id INTEGER, card TEXT NOT NULL DEFAULT '', student_id INTEGER,
  detail TEXT NOT NULL DEFAULT '');
CREATE INDEX security_events_at ON security_events(at);
CREATE TABLE anomaly_notices (student_id INTEGER NOT NULL, kind TEXT NOT NULL, day TEXT NOT NULL,
  PRIMARY KEY (student_id, kind, day)) WITHOUT ROWID;
)SQL";

// When a teacher stopped teaching a class × subject: the policy keeps the journal writable for a
// grace period after that (domain/policy.hpp). Kept by triggers on `teaching`, so the office's API,
// classbookctl and a hand-run sqlite3 all count; the date is the school's local date (UTC shifted by
// the school's utc_offset_minutes). A new assignment of the same triple clears it.
constexpr const char* migration_6 = R"SQL(
CREATE TABLE teaching_ended (class_id INTEGER NOT NULL, subject_id INTEGER NOT NULL, teacher_id INTEGER NOT NULL,
  ended_on TEXT NOT NULL, PRIMARY KEY (teacher_id, class_id, subject_id)) WITHOUT ROWID;
CREATE TRIGGER teaching_ended_delete AFTER DELETE ON teaching BEGIN
  INSERT INTO teaching_ended VALUES (OLD.class_id, OLD.subject_id, OLD.teacher_id,
    date('now', coalesce((SELECT value FROM settings WHERE key = 'utc_offset_minutes'), '180') || ' minutes'))
  ON CONFLICT(teacher_id, class_id, subject_id) DO UPDATE SET ended_on = excluded.ended_on; END;
CREATE TRIGGER teaching_ended_insert AFTER INSERT ON teaching BEGIN
  DELETE FROM teaching_ended WHERE teacher_id = NEW.teacher_id AND class_id = NEW.class_id AND subject_id = NEW.subject_id; END;
)SQL";

// account_version moves whenever an account's password, role or disabled flag changes — from any
// process (classbookctl user disable/reset, a hand-run sqlite3), by trigger — so the server's session
// cache learns with one row's read on each request that it must read sessions and accounts again.
// kiosk_pins.lockouts counts the locks in a row, so each lock of a pupil's card lasts longer.
constexpr const char* migration_7 = R"SQL(
CREATE TABLE account_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT INTO account_version VALUES (1, 1);
CREATE TRIGGER users_account_version AFTER UPDATE OF password_hash, must_change_password, disabled, role ON users
  BEGIN UPDATE account_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER users_account_version_delete AFTER DELETE ON users
  BEGIN UPDATE account_version SET version = version + 1 WHERE id = 1; END;
ALTER TABLE kiosk_pins ADD COLUMN lockouts INTEGER NOT NULL DEFAULT 0;
)SQL";

// The diary reads a pupil's marks and attendance of one week. Through the old indexes every row
// was a second lookup in its table, and a pupil's rows lie scattered over a year of pages (they
// are written lesson by lesson): most of those pages missed the readers' caches. Covering
// indexes hold the columns the diary reads, in pupil order, so a week is a few adjacent pages.
// They replace the narrower indexes, which are their prefixes.
constexpr const char* migration_8 = R"SQL(
CREATE INDEX marks_student_week ON marks(student_id, lesson_id, id, deleted_at, uuid, value, work_type_id,
  comment, set_by, created_at, updated_at);
DROP INDEX marks_student;
CREATE INDEX attendance_student_week ON attendance(student_id, lesson_id, presence, late_minutes);
DROP INDEX attendance_student;
)SQL";

// The entrance's taps are indexed by time, not by pupil: the one query that reads them back is a
// class's day (store::entrance_taps_of_class), a time range. An index led by the pupil put every tap
// on a random page of a 3-million-entry index — a page read, a WAL frame and a checkpoint write each —
// while taps arrive in time order, so an index on `at` (like the tap ids, time-ordered UUIDv7 from
// the kiosks) only ever appends to its last page.
constexpr const char* migration_9 = R"SQL(
CREATE INDEX taps_at ON taps(at);
DROP INDEX taps_student;
)SQL";

// Messages (issue 10): each member's last message read in a thread, so the threads list can say what
// is unread. A member's own messages count as read. Threads that exist at the upgrade start as read:
// nobody should find a year of conversations suddenly marked new.
constexpr const char* migration_10 = R"SQL(
ALTER TABLE thread_members ADD COLUMN last_read_message INTEGER NOT NULL DEFAULT 0;
UPDATE thread_members SET last_read_message =
  coalesce((SELECT max(m.id) FROM messages m WHERE m.thread_id = thread_members.thread_id), 0);
)SQL";

// Documents the box issued (issue 11): each printed extract carries a code that /verify/{code}
// answers for. The code is the row's key for the world: at least 80 random bits, so it cannot be
// guessed. content_hash is what the journal held for the period when the document was made, so that
// a verification can say whether it has changed since.
constexpr const char* migration_11 = R"SQL(
CREATE TABLE issued_documents (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('diary_extract')),
  student_id INTEGER NOT NULL REFERENCES students(id),
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  made_at TEXT NOT NULL,
  made_by INTEGER NOT NULL REFERENCES users(id),
  content_hash TEXT NOT NULL
);
CREATE INDEX issued_documents_student ON issued_documents(student_id, made_at);
)SQL";

// A verification says what changed for the period since the document was made, read from the audit
// trail after the entry that was last when it was made (so a year of taps is never scanned).
constexpr const char* migration_12 = R"SQL(
ALTER TABLE issued_documents ADD COLUMN audit_seq INTEGER NOT NULL DEFAULT 0;
)SQL";

// Print jobs (issue 11): what a user sent to which of the box's printers, the CUPS job it became and
// how it went. The PDF is kept until the job completes, so that a stopped job can be sent again.
constexpr const char* migration_13 = R"SQL(
CREATE TABLE print_jobs (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  office INTEGER NOT NULL DEFAULT 0,
  document TEXT NOT NULL,
  title TEXT NOT NULL,
  printer TEXT NOT NULL,
  destination TEXT NOT NULL,
  copies INTEGER NOT NULL CHECK (copies > 0),
  cups_job_id INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('pending', 'processing', 'completed', 'stopped', 'cancelled')),
  reason TEXT NOT NULL DEFAULT '',
  pdf BLOB,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX print_jobs_user ON print_jobs(user_id, id);
CREATE INDEX print_jobs_office ON print_jobs(office, id);
-- A hall kiosk prints a pupil's extract: made_by is the pupil's account, made_at_kiosk the kiosk,
-- which is how a day's prints are counted against the kiosk limit.
ALTER TABLE issued_documents ADD COLUMN made_at_kiosk INTEGER REFERENCES kiosks(id);
)SQL";

// Applications for access to the electronic diary (issue 11), as the city's regulation of the service
// has them: who applied and as whom, for which pupil (resolved to the register when the pupil is
// known; the name and birth date as given are kept beside it), the documents presented, when the
// applicant arrived and when the office registered it (and whether that was past the 15 minutes),
// the last day to answer, and the decision: approved (the account given access) or denied with one
// of the regulation's five reasons and a comment. `number` is the register's "year-sequence".
constexpr const char* migration_14 = R"SQL(
CREATE TABLE access_applications (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  number TEXT NOT NULL UNIQUE,
  applicant_name TEXT NOT NULL,
  applicant_kind TEXT NOT NULL CHECK (applicant_kind IN ('parent','legal_representative','proxy','pupil')),
  contact TEXT NOT NULL,
  student_id INTEGER REFERENCES students(id),
  pupil_name TEXT,
  pupil_birth_date TEXT,
  documents TEXT NOT NULL DEFAULT '',
  arrived_at TEXT,
  registered_at TEXT NOT NULL,
  registered_by INTEGER NOT NULL REFERENCES users(id),
  registered_late INTEGER NOT NULL DEFAULT 0 CHECK (registered_late IN (0, 1)),
  due_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered','approved','denied')),
  decided_at TEXT,
  decided_by INTEGER REFERENCES users(id),
  reason TEXT CHECK (reason IN ('not_entitled','not_a_pupil','documents_invalid','documents_conflict','withdrawn')),
  comment TEXT NOT NULL DEFAULT '',
  account_user INTEGER REFERENCES users(id),
  CHECK (student_id IS NOT NULL OR (pupil_name IS NOT NULL AND pupil_birth_date IS NOT NULL)),
  CHECK ((status = 'registered') = (decided_at IS NULL)),
  CHECK ((status = 'denied') = (reason IS NOT NULL)),
  CHECK ((status = 'approved') = (account_user IS NOT NULL))
);
CREATE INDEX access_applications_due ON access_applications(status, due_on);
)SQL";

// Entrance cards (issue 12): every card a pupil has held — when and by whom it was given, when it
// ended and why (replaced, lost, damaged, left, unassigned) and by whom. students.card stays the card
// the pupil holds now, because the tap reads it (one lookup of a unique index); app::change_card keeps
// the two in step, and it is the only writer of either. A card that ended lost or damaged is blocked
// for good: the partial index answers "is this card blocked?" for a tap of an unknown card without
// touching the path of a known one. Cards held at the upgrade open the history as of the upgrade, by
// nobody known (issued_by NULL).
// Kiosks get a third mode, desk (the office's reader): SQLite cannot alter a CHECK, so the table's
// text in the schema is widened in place — SQLite's documented way to loosen a constraint, which
// every existing row already satisfies; the CREATE TABLE below moves the schema cookie, so every
// other connection reads the new text.
constexpr const char* migration_15 = R"SQL(
PRAGMA writable_schema=ON;
UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (mode IN (''entrance'',''hall''))',
  'CHECK (mode IN (''entrance'',''hall'',''desk''))') WHERE type = 'table' AND name = 'kiosks';
PRAGMA writable_schema=RESET;
CREATE TABLE student_cards (
  id INTEGER PRIMARY KEY,
  student_id INTEGER NOT NULL REFERENCES students(id),
  card TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  issued_by INTEGER REFERENCES users(id),
  ended_at TEXT,
  end_reason TEXT CHECK (end_reason IN ('replaced','lost','damaged','left','unassigned')),
  ended_by INTEGER REFERENCES users(id),
  CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
CREATE INDEX student_cards_student ON student_cards(student_id, id);
CREATE UNIQUE INDEX student_cards_held ON student_cards(student_id) WHERE ended_at IS NULL;
CREATE INDEX student_cards_blocked ON student_cards(card) WHERE end_reason IN ('lost','damaged');
INSERT INTO student_cards(student_id, card, issued_at)
  SELECT id, card, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM students WHERE card IS NOT NULL AND card <> '' ORDER BY id;
)SQL";

// The office's events and clubs (issue 12). An event gets its times (minutes since local midnight; an
// end only with a start), a place, who wrote it and when it last changed, and a cancellation that is
// kept with its reason — a cancelled event stays in the calendar, marked so, never deleted. A club
// that closes keeps its row, sessions and members for history (closed_at set) and is no longer listed.
constexpr const char* migration_16 = R"SQL(
ALTER TABLE events ADD COLUMN start_minute INTEGER CHECK (start_minute BETWEEN 0 AND 1439);
ALTER TABLE events ADD COLUMN end_minute INTEGER CHECK (end_minute BETWEEN 1 AND 1440);
ALTER TABLE events ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN created_by INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN cancelled_at TEXT;
ALTER TABLE events ADD COLUMN cancel_reason TEXT;
CREATE INDEX events_date ON events(date);
ALTER TABLE clubs ADD COLUMN closed_at TEXT;
ALTER TABLE clubs ADD COLUMN closed_reason TEXT;
)SQL";

// The audit search (issue 12): the director looks up a pupil's, class's or subject's changes and a
// person's. The trail had no index because most of it is entrance taps, and an index over them would
// cost every tap's commit a page; these two are partial — only the journal's kinds
// (store::journal_audit_kinds_sql, the same text), a few per cent of a year's trail — so taps pay
// nothing. By object: a pupil's entries are found through the uuids of the pupil's marks, attendance
// and term grades; by actor in seq order, so a page is the index's next 500 rows.
constexpr const char* migration_17 = R"SQL(
CREATE INDEX audit_journal_object ON audit(uuid, seq)
  WHERE entity IN ('mark','attendance','term_grade','lesson_content','dot','behaviour_note');
CREATE INDEX audit_journal_actor ON audit(actor_user, seq)
  WHERE entity IN ('mark','attendance','term_grade','lesson_content','dot','behaviour_note');
)SQL";

// OneRoster API clients (issue 13): systems the school lets read the roster and write grades the
// standard's way, with OAuth 2 client credentials. A client's secret is 256 random bits, so a single
// SHA-256 of it is as safe as a slow password hash: nothing is left to guess by brute force, and the
// token endpoint stays fast (argon2id exists for secrets people choose). Each client has its own
// account row (role api_client, login api:<client_id>, no usable password, disabled), so that the
// audit trail names it; such an account never signs in (domain::signs_in). Access tokens are kept
// only as their SHA-256, with the scopes they carry and when they expire; revoking a client deletes
// them, so its tokens stop at once, in every process.
// The school becomes OneRoster's org: it gets a uuid (settings key uuid) and org_modified_at, which
// triggers move when its name or identifier changes — from any process, like teaching_ended's.
constexpr const char* migration_19 = R"SQL(
CREATE TABLE api_clients (
  id INTEGER PRIMARY KEY,
  client_id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  scopes TEXT NOT NULL,
  user_id INTEGER NOT NULL UNIQUE REFERENCES users(id),
  created_at TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  revoked_at TEXT,
  revoked_by INTEGER,
  last_used_at TEXT,
  CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  client INTEGER NOT NULL REFERENCES api_clients(id),
  scopes TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX api_tokens_client ON api_tokens(client, id);
CREATE INDEX api_tokens_expiry ON api_tokens(expires_at);
INSERT INTO settings(key, value) SELECT 'uuid', lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
  substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random() % 4), 1) ||
  substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = 'uuid');
INSERT INTO settings(key, value) VALUES ('org_modified_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT(key) DO NOTHING;
CREATE TRIGGER settings_org_insert AFTER INSERT ON settings WHEN NEW.key IN ('name', 'identifier') BEGIN
  INSERT INTO settings(key, value) VALUES ('org_modified_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT(key) DO UPDATE SET value = excluded.value; END;
CREATE TRIGGER settings_org_update AFTER UPDATE OF value ON settings
  WHEN NEW.key IN ('name', 'identifier') AND NEW.value IS NOT OLD.value BEGIN
  INSERT INTO settings(key, value) VALUES ('org_modified_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  ON CONFLICT(key) DO UPDATE SET value = excluded.value; END;
)SQL";

// The city portal's sync client (issue 13, store/sync_state.hpp): one row of where the exchange
// stands — the outbox seq the portal acknowledged, the last attempt, success and error in plain
// words, the first full push's progress (its outbox seq S, the items acknowledged, the part and key
// it resumes after) and the audit head last anchored — and the items the portal refused, with why.
constexpr const char* migration_20 = R"SQL(
CREATE TABLE sync_state (id INTEGER PRIMARY KEY CHECK (id = 1), box_uuid TEXT NOT NULL DEFAULT '',
  acknowledged_through INTEGER NOT NULL DEFAULT 0, last_attempt_at TEXT, last_success_at TEXT,
  last_error TEXT, last_error_at TEXT, snapshot_done INTEGER NOT NULL DEFAULT 0,
  snapshot_outbox_seq INTEGER NOT NULL DEFAULT 0, snapshot_sent INTEGER NOT NULL DEFAULT 0,
  snapshot_part INTEGER NOT NULL DEFAULT 0, snapshot_key TEXT NOT NULL DEFAULT '', anchor TEXT);
INSERT INTO sync_state(id) VALUES (1);
CREATE TABLE sync_refusals (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL);
)SQL";

// E-mail notices (issue 13): what each guardian chose to hear of (no row: nothing), and the durable
// queue of notices to mail — one row per notice and guardian, written in the writer job of the change
// it tells of. (guardian, kind, about) is unique, so an absence re-recorded or a job replayed never
// queues a second mail. A row is 'sent' only after the relay's 250 to the whole message; 'failed'
// rows are those the relay refused for good (5xx), with its words in last_error.
constexpr const char* migration_18 = R"SQL(
CREATE TABLE notice_preferences (guardian_id INTEGER PRIMARY KEY REFERENCES guardians(id),
  absence TEXT NOT NULL CHECK (absence IN ('off','immediate','digest')),
  low_mark TEXT NOT NULL CHECK (low_mark IN ('off','immediate','digest')),
  teacher_message TEXT NOT NULL CHECK (teacher_message IN ('off','immediate','digest')),
  mark_below INTEGER NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE mail_queue (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
  guardian_id INTEGER NOT NULL REFERENCES guardians(id),
  kind TEXT NOT NULL CHECK (kind IN ('absence','low_mark','teacher_message')), about TEXT NOT NULL,
  delivery TEXT NOT NULL CHECK (delivery IN ('immediate','digest')), digest_day TEXT,
  to_address TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued','sent','failed')), attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL, last_error TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, sent_at TEXT,
  UNIQUE (guardian_id, kind, about));
CREATE INDEX mail_queue_due ON mail_queue(state, delivery, next_attempt_at) WHERE state = 'queued';
CREATE INDEX mail_queue_guardian ON mail_queue(guardian_id, id);
)SQL";

// Pupils get an e-mail address like teachers and guardians: OneRoster's users carry one (issue 13).
constexpr const char* migration_21 = R"SQL(
ALTER TABLE students ADD COLUMN email TEXT;
)SQL";

// The box as a OneRoster provider (issue 13): every record a client reads says when it last changed
// (dateLastModified), so that a client can ask only for what changed since its last read. Pupils,
// teachers, guardians, classes and subjects get modified_at, moved by triggers whenever a column a
// OneRoster record shows changes — from any process; rows that exist at the upgrade start at the
// upgrade's time. Terms, work types and the teaching of classes are read whole, so one settings key each
// (terms_modified_at, work_types_modified_at, teaching_modified_at) moves when any of their rows changes.
constexpr const char* migration_22 = R"SQL(
ALTER TABLE students ADD COLUMN modified_at TEXT;
ALTER TABLE teachers ADD COLUMN modified_at TEXT;
ALTER TABLE guardians ADD COLUMN modified_at TEXT;
ALTER TABLE classes ADD COLUMN modified_at TEXT;
ALTER TABLE subjects ADD COLUMN modified_at TEXT;
UPDATE students SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
UPDATE teachers SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
UPDATE guardians SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
UPDATE classes SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
UPDATE subjects SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
CREATE TRIGGER students_modified_insert AFTER INSERT ON students BEGIN
  UPDATE students SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER students_modified_update AFTER UPDATE OF uuid, last_name, first_name, middle_name, class_id, email,
  left_on ON students BEGIN
  UPDATE students SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER teachers_modified_insert AFTER INSERT ON teachers BEGIN
  UPDATE teachers SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER teachers_modified_update AFTER UPDATE OF uuid, last_name, first_name, middle_name, email, phone
  ON teachers BEGIN
  UPDATE teachers SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER guardians_modified_insert AFTER INSERT ON guardians BEGIN
  UPDATE guardians SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER guardians_modified_update AFTER UPDATE OF uuid, last_name, first_name, middle_name, email, phone
  ON guardians BEGIN
  UPDATE guardians SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER student_guardians_modified_insert AFTER INSERT ON student_guardians BEGIN
  UPDATE students SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.student_id;
  UPDATE guardians SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.guardian_id; END;
CREATE TRIGGER student_guardians_modified_delete AFTER DELETE ON student_guardians BEGIN
  UPDATE students SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = OLD.student_id;
  UPDATE guardians SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = OLD.guardian_id; END;
CREATE TRIGGER classes_modified_insert AFTER INSERT ON classes BEGIN
  UPDATE classes SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER classes_modified_update AFTER UPDATE OF uuid, name, grade ON classes BEGIN
  UPDATE classes SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER subjects_modified_insert AFTER INSERT ON subjects BEGIN
  UPDATE subjects SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id; END;
CREATE TRIGGER subjects_modified_update AFTER UPDATE OF uuid, name, short_name ON subjects BEGIN
  UPDATE subjects SET modified_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id; END;
INSERT INTO settings(key, value) VALUES ('terms_modified_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('work_types_modified_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('teaching_modified_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) ON CONFLICT(key) DO NOTHING;
CREATE TRIGGER terms_modified_insert AFTER INSERT ON terms BEGIN
  UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE key = 'terms_modified_at'; END;
CREATE TRIGGER terms_modified_update AFTER UPDATE ON terms BEGIN
  UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE key = 'terms_modified_at'; END;
CREATE TRIGGER terms_modified_delete AFTER DELETE ON terms BEGIN
  UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE key = 'terms_modified_at'; END;
CREATE TRIGGER work_types_modified_insert AFTER INSERT ON work_types BEGIN
  UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE key = 'work_types_modified_at'; END;
CREATE TRIGGER work_types_modified_update AFTER UPDATE ON work_types BEGIN
  UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE key = 'work_types_modified_at'; END;
CREATE TRIGGER work_types_modified_delete AFTER DELETE ON work_types BEGIN
  UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE key = 'work_types_modified_at'; END;
CREATE TRIGGER teaching_modified_insert AFTER INSERT ON teaching BEGIN
  UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE key = 'teaching_modified_at'; END;
CREATE TRIGGER teaching_modified_delete AFTER DELETE ON teaching BEGIN
  UPDATE settings SET value = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE key = 'teaching_modified_at'; END;
)SQL";

// Roster in from the city portal (issue 13, docs/sync-protocol.md § Identities, § Roster in): the
// portal's sourcedId beside the box's own row (one each way per entity), and per rostering collection
// the largest dateLastModified applied — moved in the writer job that applies the collection.
constexpr const char* migration_23 = R"SQL(
CREATE TABLE portal_links (entity TEXT NOT NULL, sourced_id TEXT NOT NULL, uuid TEXT NOT NULL, linked_at TEXT NOT NULL,
  PRIMARY KEY (entity, sourced_id)) WITHOUT ROWID;
CREATE UNIQUE INDEX portal_links_uuid ON portal_links(entity, uuid);
CREATE TABLE roster_marks (collection TEXT PRIMARY KEY, high_water TEXT NOT NULL, applied_at TEXT NOT NULL) WITHOUT ROWID;
)SQL";

// What OneRoster API clients write (issue 13, docs/sync.md § Writes): their line items and results
// kept as sent (`record`, the JSON object read back unchanged), beside what the journal made of them.
// A result's mark is a row of `marks` set by the client's account; `mark_value` is the value the
// client's last write gave it, so that a mark a person changed since is known as overridden. A
// deleted record keeps its row (status 'tobedeleted') for the audit trail's sake; reads leave it out.
constexpr const char* migration_24 = R"SQL(
CREATE TABLE client_line_items (id INTEGER PRIMARY KEY, sourced_id TEXT NOT NULL UNIQUE,
  client_id INTEGER NOT NULL REFERENCES api_clients(id), class_id INTEGER NOT NULL REFERENCES classes(id),
  subject_id INTEGER NOT NULL REFERENCES subjects(id), work_type_id INTEGER NOT NULL REFERENCES work_types(id),
  due_date TEXT NOT NULL, result_min REAL NOT NULL, result_max REAL NOT NULL, title TEXT NOT NULL,
  record TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('active', 'tobedeleted')), modified_at TEXT NOT NULL);
CREATE INDEX client_line_items_class ON client_line_items(class_id, subject_id);
CREATE TABLE client_results (id INTEGER PRIMARY KEY, sourced_id TEXT NOT NULL UNIQUE,
  client_id INTEGER NOT NULL REFERENCES api_clients(id), line_item_id INTEGER NOT NULL REFERENCES client_line_items(id),
  student_id INTEGER NOT NULL REFERENCES students(id), score_status TEXT NOT NULL, score REAL,
  record TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('active', 'tobedeleted')),
  lesson_id INTEGER REFERENCES lessons(id), mark_id INTEGER REFERENCES marks(id), mark_value INTEGER,
  modified_at TEXT NOT NULL);
CREATE INDEX client_results_line_item ON client_results(line_item_id);
CREATE INDEX client_results_lesson ON client_results(lesson_id) WHERE lesson_id IS NOT NULL;
CREATE UNIQUE INDEX client_results_mark ON client_results(mark_id) WHERE mark_id IS NOT NULL;
)SQL";

// The first full push's S is kept from the moment the snapshot starts (issue 13): a run cut before its
// first batch was acknowledged — the portal may hold that batch — resumes with the same S, so every
// change after S (a mark deleted meanwhile, which a snapshot read again leaves out) still goes by the
// outbox, and its numbers skip a batch as any resumed snapshot's do.
constexpr const char* migration_25 = R"SQL(
ALTER TABLE sync_state ADD COLUMN snapshot_started INTEGER NOT NULL DEFAULT 0;
UPDATE sync_state SET snapshot_started = 1 WHERE snapshot_sent > 0 OR snapshot_key <> '' OR snapshot_done = 1;
)SQL";

constexpr std::array migrations = {migration_1, migration_2, migration_3,  migration_4,  migration_5,
                                    migration_6, migration_7, migration_8,  migration_9,  migration_10,
                                    migration_11, migration_12, migration_13, migration_14, migration_15,
                                    migration_16, migration_17, migration_18, migration_19, migration_20,
                                    migration_21, migration_22, migration_23, migration_24,
                                    migration_25};

}  // namespace

int current_schema_version() { return static_cast<int>(migrations.size()); }

Result<int> stored_schema_version(Db& db) {
  auto& q = db.prepare("PRAGMA user_version");
  return q.first_or([](Stmt& r) { return r.i32(0); }, 0);
}

Status migrate(Db& db) {
  auto& q = db.prepare("PRAGMA user_version");
  auto version = q.first([](Stmt& r) { return r.i32(0); });
  if (!version) return version.error();
  if (!*version) return make_error(Errc::internal, "store.schema_unreadable", "no user_version");
  const int have = **version;
  if (have > current_schema_version())
    return make_error(Errc::conflict, "store.schema_too_new",
                      "the database has schema version " + std::to_string(have) +
                          " but this classbook knows only up to " +
                          std::to_string(current_schema_version()) + "; install the newer classbook");
  for (int v = have; v < current_schema_version(); ++v) {
    Transaction tx(db);
    if (!tx.begun()) return tx.begun().error();
    if (auto s = db.exec(migrations[static_cast<std::size_t>(v)]); !s) return s.error();
    if (auto s = db.exec("PRAGMA user_version=" + std::to_string(v + 1)); !s) return s.error();
    if (auto s = tx.commit(); !s) return s.error();
  }
  return ok_status();
}

Status configure_writer(Db& db) {
  auto& q = db.prepare("PRAGMA journal_mode=WAL");
  auto mode = q.first([](Stmt& r) { return r.text(0); });
  if (!mode) return mode.error();
  if (*mode != std::optional<std::string>("wal"))
    return make_error(Errc::unavailable, "store.wal_unavailable",
                      "database: cannot switch " + db.path() +
                          " to WAL mode; put it on a local file system that supports shared memory");
  return db.exec("PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=4000; PRAGMA cache_size=-16000");
}

Status configure_reader(Db& db) {
  // 4 MB a reader: the diary's week of a pupil is a few adjacent pages of the covering indexes
  // (migration 8), and eight readers at 8 MB each were most of the server's memory under load.
  return db.exec("PRAGMA cache_size=-4000; PRAGMA query_only=ON");
}

Status check_integrity(Db& db) {
  auto& q = db.prepare("PRAGMA integrity_check(5)");
  std::string problems;
  if (auto st = q.each([&](Stmt& r) {
        const auto line = r.text(0);
        if (line != "ok") problems += (problems.empty() ? "" : "; ") + line;
      });
      !st)
    return st;
  if (!problems.empty())
    return make_error(Errc::unavailable, "store.integrity_failed", "database integrity check failed: " + problems +
                                             " — restore the last backup with `classbookctl restore`");
  return ok_status();
}

}  // namespace classbook::store
