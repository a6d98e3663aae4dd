#include "app/cli/command.h"

namespace maillage::cli {

void register_export(CLI::App& root) {
    auto* cmd = root.add_subcommand("export", "(not implemented yet)");
    cmd->callback([] { throw UsageError("export: not implemented yet"); });
}

}  // namespace maillage::cli
