#include "app/cli/command.h"

namespace maillage::cli {

void register_info(CLI::App& root) {
    auto* cmd = root.add_subcommand("info", "(not implemented yet)");
    cmd->callback([] { throw UsageError("info: not implemented yet"); });
}

}  // namespace maillage::cli
