// main: classbook-kiosk's command line — run, enrol, --version, --help.
#include <cstdio>
#include <string>
#include <vector>

#include "kiosk/app/commands.hpp"
#include "kiosk/core/kiosk_config.hpp"

namespace {

void help() {
  std::printf(
      "classbook-kiosk %s — the Classbook terminal at an entrance or in a hall\n\n"
      "  classbook-kiosk run [--config FILE]      run the kiosk (default config %s)\n"
      "  classbook-kiosk enrol --server URL --code CODE (--ca FILE | --ca-fingerprint HEX)\n"
      "                        [--config FILE | --data DIR]\n"
      "                                           trade a one-time code from `classbookctl kiosk enrol`\n"
      "                                           for this kiosk's own certificate\n"
      "  classbook-kiosk --version | --help\n\n"
      "docs/kiosk.md describes the config file and the simulated reader.\n",
      CLASSBOOK_VERSION, classbook::kiosk::default_config_file);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace classbook::kiosk;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    help();
    return args.empty() ? exit_usage : exit_ok;
  }
  if (args[0] == "--version") {
    std::printf("classbook-kiosk %s\n", CLASSBOOK_VERSION);
    return exit_ok;
  }
  if (args[0] == "enrol" || args[0] == "enroll") return enrol_command({args.begin() + 1, args.end()});
  if (args[0] == "run") {
    std::string config = default_config_file;
    for (std::size_t i = 1; i < args.size(); ++i) {
      if (args[i] == "--config" && i + 1 < args.size()) {
        config = args[++i];
      } else {
        std::fprintf(stderr, "classbook-kiosk run: unknown argument '%s'; usage: classbook-kiosk run [--config FILE]\n",
                     args[i].c_str());
        return exit_usage;
      }
    }
    return run_command(config);
  }
  std::fprintf(stderr, "classbook-kiosk: unknown command '%s'; try --help\n", args[0].c_str());
  return exit_usage;
}
