// commands: the subcommands of classbook-kiosk, each returning the process exit code.
#pragma once

#include <string>
#include <vector>

namespace classbook::kiosk {

inline constexpr int exit_ok = 0;
inline constexpr int exit_failure = 1;  // something the kiosk met at run time
inline constexpr int exit_usage = 2;    // the command line or the config file is wrong

int run_command(const std::string& config_path);
int enrol_command(const std::vector<std::string>& args);

}  // namespace classbook::kiosk
