// data_dir: where a box keeps its state — one folder, one fixed layout, shared by classbookd and classbookctl.
#pragma once

#include <string>

namespace classbook {

struct DataDir {
  std::string root;
  std::string db() const { return root + "/classbook.db"; }
  std::string ca_cert() const { return root + "/tls/ca.crt"; }
  std::string ca_key() const { return root + "/tls/ca.key"; }
  std::string server_cert() const { return root + "/tls/server.crt"; }  // chain: server then CA
  std::string server_key() const { return root + "/tls/server.key"; }
  std::string demo_accounts() const { return root + "/demo-accounts.json"; }
  std::string backups() const { return root + "/backups"; }
};

constexpr const char* default_data_dir = "/var/lib/classbook";

}  // namespace classbook
