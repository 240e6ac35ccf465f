// classbook-portal: the reference city portal — `--data DIR --port PORT [--faults SEED]` serves;
// `--data DIR import FILE` applies an exported outbox file. See docs/portal.md.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "classbook/common/log.hpp"
#include "import_file.hpp"
#include "portal_files.hpp"
#include "schema.hpp"
#include "server.hpp"

using namespace classbook;
using namespace classbook::portal;

namespace {

constexpr const char* kUsage =
    "usage: classbook-portal --data DIR [--port PORT] [--bind ADDRESS] [--faults SEED [--fault-rate R]]\n"
    "                        [--token-lifetime SECONDS]\n"
    "       classbook-portal --data DIR import FILE\n";

struct Options {
  std::string data;
  unsigned short port = 0;
  std::string bind = "127.0.0.1";
  std::optional<std::uint64_t> fault_seed;
  double fault_rate = kDefaultFaultRate;
  std::chrono::seconds token_lifetime = kDefaultTokenLifetime;
  std::string import_file;
};

int usage(const std::string& why) {
  std::cerr << "classbook-portal: " << why << "\n" << kUsage;
  return 2;
}

// Flags are parsed by hand: a handful, each checked with a message that says what to write.
std::optional<Options> parse(int argc, char** argv, int& exit_code) {
  Options o;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    const auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) return std::nullopt;
      return args[++i];
    };
    const auto number = [&](const char* name, long long low, long long high) -> std::optional<long long> {
      auto v = value();
      try {
        std::size_t used = 0;
        if (v) {
          const long long n = std::stoll(*v, &used);
          if (used == v->size() && n >= low && n <= high) return n;
        }
      } catch (...) {
      }
      exit_code = usage(std::string(name) + " takes a whole number from " + std::to_string(low) + " to " + std::to_string(high));
      return std::nullopt;
    };
    if (a == "--data") {
      auto v = value();
      if (!v) return exit_code = usage("--data takes a folder"), std::nullopt;
      o.data = *v;
    } else if (a == "--port") {
      auto n = number("--port", 0, 65535);
      if (!n) return std::nullopt;
      o.port = static_cast<unsigned short>(*n);
    } else if (a == "--bind") {
      auto v = value();
      if (!v) return exit_code = usage("--bind takes an IP address"), std::nullopt;
      o.bind = *v;
    } else if (a == "--faults") {
      auto v = value();
      try {
        std::size_t used = 0;
        if (v) o.fault_seed = std::stoull(*v, &used);
        if (!v || used != v->size()) throw 0;
      } catch (...) {
        return exit_code = usage("--faults takes a seed, a whole number"), std::nullopt;
      }
    } else if (a == "--fault-rate") {
      auto v = value();
      try {
        std::size_t used = 0;
        if (v) o.fault_rate = std::stod(*v, &used);
        if (!v || used != v->size() || o.fault_rate < 0 || o.fault_rate > 1) throw 0;
      } catch (...) {
        return exit_code = usage("--fault-rate takes a share from 0 to 1, e.g. 0.2"), std::nullopt;
      }
    } else if (a == "--token-lifetime") {
      auto n = number("--token-lifetime", 1, 7 * 24 * 3600);
      if (!n) return std::nullopt;
      o.token_lifetime = std::chrono::seconds(*n);
    } else if (a == "import") {
      auto v = value();
      if (!v) return exit_code = usage("import takes the outbox file"), std::nullopt;
      o.import_file = *v;
    } else if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return exit_code = 0, std::nullopt;
    } else {
      return exit_code = usage("unknown argument " + a), std::nullopt;
    }
  }
  if (o.data.empty()) return exit_code = usage("--data DIR is needed"), std::nullopt;
  return o;
}

int fail(const Error& e) {
  std::cerr << "classbook-portal: " << e.message << " [" << e.id.view() << "]\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  int exit_code = 0;
  const auto options = parse(argc, argv, exit_code);
  if (!options) return exit_code;

  auto files = prepare_data_dir(options->data);
  if (!files) return fail(files.error());
  auto db = Db::open(files->db_path);
  if (!db) return fail(db.error());
  if (auto s = migrate(*db); !s) return fail(s.error());

  SystemClock clock;
  OAuth oauth(*db, clock, options->token_lifetime);
  RosterStore roster(*db, clock);
  BatchApplier batches(*db, clock);

  if (!options->import_file.empty()) {
    auto report = import_outbox_file(*db, batches, options->import_file);
    if (!report) return fail(report.error());
    std::cout << "classbook-portal: imported " << report->batches << " batches (" << report->already_had
              << " already here); acknowledged through " << report->acknowledged_through << std::endl;
    return 0;
  }

  FaultInjector faults = options->fault_seed ? FaultInjector(*options->fault_seed, options->fault_rate) : FaultInjector();
  if (faults.enabled())
    log::warn("portal", "fault injection on: seed " + std::to_string(faults.seed()) + ", rate " + std::to_string(faults.rate()));
  Routes routes(PortalParts{*db, clock, oauth, roster, batches, faults, files->operator_token});
  Status client_written = ok_status();
  auto served = run_server(routes, faults, clock,
                           ServerOptions{options->bind, options->port, files->server.cert_pem + files->ca.cert_pem,
                                         files->server.key_pem},
                           [&](unsigned short port) {
                             client_written = write_school_client(*db, oauth, roster, options->data, port);
                             if (!client_written) {
                               std::raise(SIGTERM);
                               return;
                             }
                             std::cout << "classbook-portal: ready on https://127.0.0.1:" << port << "/" << std::endl;
                           });
  if (!client_written) return fail(client_written.error());
  if (!served) return fail(served.error());
  return 0;
}
