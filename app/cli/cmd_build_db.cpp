#include "app/cli/command.h"

namespace maillage::cli {

void register_build_db(CLI::App& root) {
    auto* cmd = root.add_subcommand("build-db", "(not implemented yet)");
    cmd->callback([] { throw UsageError("build-db: not implemented yet"); });
}

}  // namespace maillage::cli
