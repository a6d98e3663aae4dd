// Sub-command registration for the `maillage` CLI.
//
// Contract: each cmd_*.cpp defines one `void register_<name>(CLI::App& root, CommandResult&)`
// that adds its sub-command and a callback. Callbacks throw geo::Error subclasses for runtime
// problems; main() maps them to exit codes:
//   0 success, 1 runtime error (bad input data, failed write), 2 usage error (bad arguments).
// Messages are in English, printed to stderr as "maillage <command>: <what()>".
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <string>

namespace maillage::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeError = 1;
inline constexpr int kExitUsageError = 2;

/// Thrown by a command for a usage problem CLI11 cannot detect (e.g. conflicting options).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The bundled project database: $MAILLAGE_DB if set, else <source>/data/capso.gpkg.
[[nodiscard]] std::filesystem::path default_database();

void register_build_db(CLI::App& root);
void register_info(CLI::App& root);
void register_export(CLI::App& root);
void register_isochrone(CLI::App& root);
void register_coverage(CLI::App& root);
void register_network(CLI::App& root);

}  // namespace maillage::cli
