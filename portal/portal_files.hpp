// portal_files: the portal's data folder — made on the first start, reused on every later one.
//   DIR/tls/ca.crt  ca.key  server.crt  server.key   its own CA and the server certificate (keys 0600)
//   DIR/portal.db                                      its store (schema.cpp)
//   DIR/client.json                                    the school's OAuth client, URLs rewritten at each start
//   DIR/operator.token                                 the bearer token of /portal/v1/* (0600)
#pragma once

#include <string>

#include "classbook/common/pki.hpp"
#include "db.hpp"
#include "oauth.hpp"
#include "roster_store.hpp"

namespace classbook::portal {

inline constexpr int kCaValidDays = 10 * 365;
inline constexpr int kServerCertValidDays = 825;
inline constexpr std::size_t kOperatorTokenBytes = 32;

struct PortalFiles {
  std::string dir;
  std::string db_path;
  std::string operator_token;
  KeyAndCert ca;
  KeyAndCert server;
};

// Makes DIR, DIR/tls, the CA, the server certificate (localhost, 127.0.0.1, ::1) and the operator
// token when they are missing; reads them otherwise.
Result<PortalFiles> prepare_data_dir(const std::string& dir);

// The school's org and OAuth client: made once (the org in the roster, the client in the store). At
// every start DIR/client.json is written with the URLs of `port`; its secret is read back from the
// old file, or — when the file was lost — a new secret replaces the old one in the store.
Status write_school_client(Db& db, OAuth& oauth, RosterStore& roster, const std::string& dir, unsigned short port);

Result<std::string> read_text_file(const std::string& path);

}  // namespace classbook::portal
