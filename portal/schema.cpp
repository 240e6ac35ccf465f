// schema: one entry per version, applied in order inside one transaction each; never edit a shipped one.
#include "schema.hpp"

#include <array>
#include <string>

namespace classbook::portal {
namespace {

// Roster and journal rows keep the whole OneRoster object as JSON text; the columns beside it are what
// queries filter and sort on (date_ms: dateLastModified as Unix milliseconds, so '>' compares times,
// not spellings). Ordered paging walks (collection, date_ms, sourced_id).
constexpr std::array kMigrations = {
    R"sql(
CREATE TABLE org_school (sourced_id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE clients (
  client_id TEXT PRIMARY KEY,
  secret_sha256 TEXT NOT NULL,
  org_sourced_id TEXT NOT NULL,
  scopes TEXT NOT NULL,
  acknowledged_through INTEGER NOT NULL DEFAULT 0,
  box_id TEXT,
  box_key_pem TEXT,
  box_key_id TEXT,
  pinned_at TEXT
);
CREATE TABLE tokens (
  token_sha256 TEXT PRIMARY KEY,
  client_id TEXT NOT NULL REFERENCES clients(client_id),
  scopes TEXT NOT NULL,
  expires_ms INTEGER NOT NULL
);
CREATE TABLE roster (
  collection TEXT NOT NULL,
  sourced_id TEXT NOT NULL,
  status TEXT NOT NULL,
  date_ms INTEGER NOT NULL,
  object TEXT NOT NULL,
  PRIMARY KEY (collection, sourced_id)
) WITHOUT ROWID;
CREATE INDEX roster_by_date ON roster(collection, date_ms, sourced_id);
CREATE TABLE journal (
  kind TEXT NOT NULL,
  sourced_id TEXT NOT NULL,
  status TEXT NOT NULL,
  date_ms INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  object TEXT NOT NULL,
  PRIMARY KEY (kind, sourced_id)
) WITHOUT ROWID;
CREATE INDEX journal_by_date ON journal(kind, date_ms, sourced_id);
CREATE TABLE batches (
  client_id TEXT NOT NULL REFERENCES clients(client_id),
  idempotency_key TEXT NOT NULL,
  first_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  http_status INTEGER NOT NULL,
  answer TEXT NOT NULL,
  received_at TEXT NOT NULL,
  via TEXT NOT NULL,
  PRIMARY KEY (client_id, idempotency_key)
);
CREATE TABLE anchors (
  client_id TEXT NOT NULL REFERENCES clients(client_id),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  PRIMARY KEY (client_id, seq)
);
)sql",
    // Every delivery of a batch that was answered 200 — applied, or replayed from its key — in arrival
    // order: the fault campaign checks from it that a resume resends at most the batch in flight.
    R"sql(
CREATE TABLE deliveries (
  n INTEGER PRIMARY KEY,
  client_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  replayed INTEGER NOT NULL,
  received_at TEXT NOT NULL
);
)sql",
};

}  // namespace

Status migrate(Db& db) {
  auto read = db.prepare("PRAGMA user_version");
  if (!read) return read.error();
  auto row = read->step();
  if (!row) return row.error();
  const auto version = static_cast<std::size_t>(read->int64(0));
  if (version > kMigrations.size())
    return make_error(Errc::unavailable, "portal.store_too_new",
                      "the portal's database has schema version " + std::to_string(version) +
                          ", newer than this classbook-portal knows (" + std::to_string(kMigrations.size()) +
                          "): run the newer program");
  for (std::size_t v = version; v < kMigrations.size(); ++v) {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    if (auto s = db.exec(kMigrations[v]); !s) return s;
    if (auto s = db.exec("PRAGMA user_version = " + std::to_string(v + 1)); !s) return s;
    if (auto s = tx->commit(); !s) return s;
  }
  return ok_status();
}

}  // namespace classbook::portal
