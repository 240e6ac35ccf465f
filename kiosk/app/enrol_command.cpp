// enrol_command: `classbook-kiosk enrol` — arguments, then enrol_kiosk, then what happened and what next.
#include <cstdio>

#include "kiosk/app/commands.hpp"
#include "kiosk/app/config_file.hpp"
#include "kiosk/uplink/enrol_client.hpp"

namespace classbook::kiosk {
namespace {

int usage(const std::string& problem) {
  std::fprintf(stderr,
               "classbook-kiosk enrol: %s\n"
               "usage: classbook-kiosk enrol --server https://BOX:8443 --code CODE (--ca FILE | --ca-fingerprint HEX)\n"
               "                             [--config FILE | --data DIR]\n",
               problem.c_str());
  return exit_usage;
}

}  // namespace

int enrol_command(const std::vector<std::string>& args) {
  std::string server, code, ca, fingerprint, config_path, data;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    std::string* slot = a == "--server" ? &server : a == "--code" ? &code : a == "--ca" ? &ca
                      : a == "--ca-fingerprint" ? &fingerprint : a == "--config" ? &config_path
                      : a == "--data" ? &data : nullptr;
    if (!slot) return usage("unknown argument '" + a + "'");
    if (i + 1 >= args.size()) return usage(a + " needs a value");
    *slot = args[++i];
  }
  EnrolOptions o;
  if (!config_path.empty()) {
    auto config = load_kiosk_config(config_path);
    if (!config) {
      std::fprintf(stderr, "classbook-kiosk enrol: %s\n", config.error().message.c_str());
      return exit_usage;
    }
    o.server = config->server;
    o.data_dir = config->data_dir;
  }
  if (!data.empty()) o.data_dir = data;
  if (!server.empty()) {
    auto url = parse_server_url(server);
    if (!url) return usage(url.error().message);
    o.server = *url;
  }
  if (o.server.host.empty()) return usage("--server is required (or a --config whose [server] url is set)");
  o.code = code;
  o.ca_file = ca;
  o.ca_fingerprint = fingerprint;

  std::printf("Enrolling with the box at %s ...\n", o.server.text.c_str());
  auto report = enrol_kiosk(o);
  if (!report) {
    std::fprintf(stderr, "classbook-kiosk enrol: %s\n", report.error().message.c_str());
    return report.error().code == Errc::invalid_input ? exit_usage : exit_failure;
  }
  std::printf("Enrolled as \"%s\" (%s kiosk)%s%s.\n", report->kiosk_name.c_str(), report->mode.c_str(),
              report->school.empty() ? "" : " at ", report->school.c_str());
  std::printf("  box CA          %s (fingerprint %s)\n", report->files.ca.c_str(), report->ca_fingerprint.c_str());
  std::printf("  key             %s (new, stays on this kiosk)\n", report->files.key.c_str());
  std::printf("  certificate     %s (fingerprint %s)%s\n", report->files.certificate.c_str(),
              report->certificate_fingerprint.c_str(), report->replaced ? ", replacing the earlier one" : "");
  std::printf("Next: make sure the config has\n  [server]\n  url = %s\n  [kiosk]\n  mode = %s\n  data = %s\n"
              "then start the kiosk: classbook-kiosk run --config %s\n",
              o.server.text.c_str(), report->mode.empty() ? "entrance" : report->mode.c_str(), o.data_dir.c_str(),
              config_path.empty() ? default_config_file : config_path.c_str());
  return exit_ok;
}

}  // namespace classbook::kiosk
