// portal_files: first start versus later start is decided file by file, so a half-made folder (a
// crash during the first start) is finished rather than refused.
#include "portal_files.hpp"

#include <sys/stat.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "classbook/common/crypto.hpp"
#include "classbook/common/log.hpp"
#include "classbook/common/private_file.hpp"

namespace classbook::portal {
namespace json = boost::json;
namespace fs = std::filesystem;

Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(Errc::not_found, "portal.file_missing", "cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

Status write_public_file(const std::string& path, const std::string& text) {
  if (auto s = write_private_file(path, text); !s) return s;
  if (::chmod(path.c_str(), 0644) != 0)
    return make_error(Errc::unavailable, "portal.file_failed", "cannot make " + path + " readable");
  return ok_status();
}

// A key and certificate pair on disk, made by `make` when either file is missing.
template <class Make>
Result<KeyAndCert> key_and_cert(const std::string& key_path, const std::string& cert_path, Make make) {
  if (fs::exists(key_path) && fs::exists(cert_path)) {
    auto key = read_text_file(key_path);
    auto cert = read_text_file(cert_path);
    if (!key) return key.error();
    if (!cert) return cert.error();
    return KeyAndCert{*key, *cert};
  }
  auto made = make();
  if (!made) return made.error();
  if (auto s = write_private_file(key_path, made->key_pem); !s) return s.error();
  if (auto s = write_public_file(cert_path, made->cert_pem); !s) return s.error();
  return made;
}

}  // namespace

Result<PortalFiles> prepare_data_dir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir + "/tls", ec);
  if (ec) return make_error(Errc::unavailable, "portal.data_dir", "cannot make " + dir + "/tls: " + ec.message());
  PortalFiles files{dir, dir + "/portal.db", {}, {}, {}};
  auto ca = key_and_cert(dir + "/tls/ca.key", dir + "/tls/ca.crt",
                         [] { return make_ca("Classbook reference portal CA", kCaValidDays); });
  if (!ca) return ca.error();
  files.ca = *ca;
  auto server = key_and_cert(dir + "/tls/server.key", dir + "/tls/server.crt", [&] {
    return make_server_cert(files.ca, "classbook-portal", {"localhost"}, {"127.0.0.1", "::1"}, kServerCertValidDays);
  });
  if (!server) return server.error();
  files.server = *server;
  const std::string token_path = dir + "/operator.token";
  if (auto token = read_text_file(token_path); token && !token->empty()) {
    files.operator_token = *token;
    while (!files.operator_token.empty() && (files.operator_token.back() == '\n' || files.operator_token.back() == '\r'))
      files.operator_token.pop_back();
  } else {
    files.operator_token = random_token(kOperatorTokenBytes);
    if (auto s = write_private_file(token_path, files.operator_token + "\n"); !s) return s.error();
  }
  return files;
}

Status write_school_client(Db& db, OAuth& oauth, RosterStore& roster, const std::string& dir, unsigned short port) {
  std::string client_id, org, secret;
  {
    auto q = db.prepare("SELECT client_id, org_sourced_id FROM clients ORDER BY rowid LIMIT 1");
    if (!q) return q.error();
    auto r = q->step();
    if (!r) return r.error();
    if (*r) client_id = q->text(0), org = q->text(1);
  }
  const std::string path = dir + "/client.json";
  if (client_id.empty()) {  // the first start: one school, one client
    org = new_uuid();
    auto made = roster.upsert(json::object{
        {"orgs", json::array{json::object{{"sourcedId", org}, {"name", "Classbook demo school"}, {"type", "school"},
                                          {"identifier", "demo-school"}}}}});
    if (!made) return made.error();
    auto client = oauth.create_client(org);
    if (!client) return client.error();
    client_id = client->client_id;
    secret = client->client_secret;
    log::info("portal", "made the school " + org + " and its OAuth client " + client_id);
  } else if (auto old = read_text_file(path); old) {
    try {
      const auto parsed = json::parse(*old).as_object();
      if (parsed.at("client_id").as_string() == client_id) secret = std::string(parsed.at("client_secret").as_string());
    } catch (const std::exception&) {
      // An unreadable client.json is replaced below with a new secret.
    }
  }
  if (secret.empty()) {
    secret = random_token(kSecretBytes);
    auto put = db.prepare("UPDATE clients SET secret_sha256 = ? WHERE client_id = ?");
    if (!put) return put.error();
    put->bind(1, sha256_hex(secret)).bind(2, client_id);
    if (auto s = put->run(); !s) return s;
    log::warn("portal", path + " was missing or unreadable: the client " + client_id + " got a new secret");
  }
  const std::string base = "https://127.0.0.1:" + std::to_string(port);
  json::object file{{"client_id", client_id},       {"client_secret", secret},     {"token_url", base + "/oauth/token"},
                    {"base_url", base},             {"school", org},               {"ca_file", dir + "/tls/ca.crt"}};
  return write_private_file(path, json::serialize(file) + "\n");
}

}  // namespace classbook::portal
